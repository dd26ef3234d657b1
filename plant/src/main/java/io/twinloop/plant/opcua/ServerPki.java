package io.twinloop.plant.opcua;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.TrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PKI directory: its own key and self-signed certificate (generated at first start, never committed),
 * the trust list of client certificates, and the certificates it rejected.
 *
 * <pre>
 * PKI/own/server.pfx          key and certificate (PKCS#12; protected by the directory's permissions)
 * PKI/trusted/certs/          client certificates trusted for Sign and SignAndEncrypt (DER)
 * PKI/issuer/certs/, .../crl/ CA certificates and revocation lists
 * PKI/rejected/certs/         certificates of clients that were refused: move one to trusted/certs to trust it
 * </pre>
 */
final class ServerPki implements java.io.Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);
    // The keystore lives in a directory only its owner can read; the password is not the protection.
    private static final char[] KEYSTORE_PASSWORD = "twinloop-plant".toCharArray();
    private static final Pattern IP_ADDRESS = Pattern.compile("^[0-9.]+$|:");

    private final CertificateManager certificateManager;
    private final FileBasedTrustListManager trustList;
    private final X509Certificate certificate;

    private ServerPki(final CertificateManager certificateManager, final FileBasedTrustListManager trustList,
            final X509Certificate certificate) {
        this.certificateManager = certificateManager;
        this.trustList = trustList;
        this.certificate = certificate;
    }

    static ServerPki open(final PlantServerConfig config) throws Exception {
        final Path pki = config.pkiDirectory().toAbsolutePath();
        final Path own = pki.resolve("own");
        try {
            Files.createDirectories(own);
            ownerOnly(own);
        } catch (final IOException e) {
            throw new IllegalArgumentException("OPC UA server configuration: cannot create the PKI directory "
                    + pki + ": " + e, e);
        }
        final Path keyStore = own.resolve("server.pfx");
        final boolean generate = !Files.exists(keyStore);

        final var store = new KeyStoreCertificateStore(new KeyStoreCertificateStore.Settings(keyStore,
                () -> KEYSTORE_PASSWORD, alias -> KEYSTORE_PASSWORD));
        store.initialize();
        final var trustList = FileBasedTrustListManager.createAndInitialize(pki);
        try {
            final var quarantine = FileBasedCertificateQuarantine.create(pki.resolve("rejected").resolve("certs"));
            final var group = DefaultApplicationGroup.createAndInitialize(trustList, store,
                    new SelfSigned(config), new DefaultServerCertificateValidator(trustList, quarantine));

            final X509Certificate certificate = group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
                    .map(chain -> chain[0])
                    .orElseThrow(() -> new IllegalStateException("no server certificate in " + keyStore));
            final String certificateUri = CertificateUtil.getSanUri(certificate).orElse("(none)");
            if (!certificateUri.equals(config.applicationUri())) {
                throw new IllegalArgumentException("OPC UA server configuration: applicationUri '"
                        + config.applicationUri() + "' differs from the URI in the server certificate ("
                        + certificateUri + ") in " + keyStore + "; use that URI, or delete the file to generate a new"
                        + " certificate");
            }
            LOG.info("{} server certificate: file={} subject=\"{}\" applicationUri={} trustedClients={}",
                    generate ? "generated" : "loaded", keyStore, certificate.getSubjectX500Principal().getName(),
                    certificateUri, pki.resolve("trusted").resolve("certs"));
            return new ServerPki(new DefaultCertificateManager(quarantine, group), trustList, certificate);
        } catch (final Exception e) {
            trustList.close(); // stops its directory watcher thread
            throw e;
        }
    }

    private static void ownerOnly(final Path directory) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    CertificateManager certificateManager() {
        return certificateManager;
    }

    TrustListManager trustList() {
        return trustList;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** Stops watching the trust list directory. */
    @Override
    public void close() throws IOException {
        trustList.close();
    }

    /** A self-signed certificate naming the application URI and every host name clients may use. */
    private static final class SelfSigned extends RsaSha256CertificateFactory {
        private final PlantServerConfig config;

        SelfSigned(final PlantServerConfig config) {
            this.config = config;
        }

        @Override
        protected X509Certificate[] createRsaSha256CertificateChain(final KeyPair keyPair) throws Exception {
            final SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("TwinLoop simulated plant")
                    .setOrganization("TwinLoop")
                    .setApplicationUri(config.applicationUri());
            final Set<String> names = new LinkedHashSet<>();
            names.add(config.hostname());
            names.add("localhost");
            try {
                names.add(InetAddress.getLocalHost().getHostName());
            } catch (final java.net.UnknownHostException e) {
                LOG.debug("local host name unknown, not put into the certificate: {}", e.toString());
            }
            for (final String name : names) {
                if (IP_ADDRESS.matcher(name).find()) {
                    builder.addIpAddress(name);
                } else {
                    builder.addDnsName(name);
                }
            }
            return new X509Certificate[] {builder.build()};
        }
    }
}
