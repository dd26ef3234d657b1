package io.twinloop.connectors.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;

import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's OPC UA application instance: its key and self-signed certificate (generated at first start into
 * {@code <pki>/own/connector.pfx}, reused after, so a server's operator trusts it once), and the trust list of
 * server certificates ({@code <pki>/trusted/certs}, watched by Milo); server certificates it refused are written
 * to {@code <pki>/rejected/certs}.
 */
public final class ClientPki implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPki.class);
    private static final String ALIAS = "connector";
    // The keystore lives in a directory only its owner can read; the password is not the protection.
    private static final char[] KEYSTORE_PASSWORD = "twinloop-connector".toCharArray();

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final FileBasedTrustListManager trustList;
    private final CertificateQuarantine rejected;

    private ClientPki(final KeyPair keyPair, final X509Certificate certificate,
            final FileBasedTrustListManager trustList, final CertificateQuarantine rejected) {
        this.keyPair = keyPair;
        this.certificate = certificate;
        this.trustList = trustList;
        this.rejected = rejected;
    }

    public static ClientPki open(final Path directory, final String applicationUri,
            final Collection<X509Certificate> trustedServers) throws Exception {
        final Path pki = directory.toAbsolutePath();
        final Path own = pki.resolve("own");
        Files.createDirectories(own);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        }
        final Path file = own.resolve("connector.pfx");
        final KeyStore store = KeyStore.getInstance("PKCS12");
        final boolean generate = !Files.exists(file);
        if (generate) {
            final KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            final X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("TwinLoop OPC UA connector")
                    .setOrganization("TwinLoop")
                    .setApplicationUri(applicationUri)
                    .addDnsName("localhost")
                    .build();
            store.load(null, null);
            store.setKeyEntry(ALIAS, keyPair.getPrivate(), KEYSTORE_PASSWORD, new Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, KEYSTORE_PASSWORD);
            }
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, KEYSTORE_PASSWORD);
            }
        }
        final X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
        final KeyPair keyPair = new KeyPair(certificate.getPublicKey(),
                (PrivateKey) store.getKey(ALIAS, KEYSTORE_PASSWORD));
        final FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(pki);
        trustedServers.forEach(trustList::addTrustedCertificate);
        LOG.info("{} client certificate: file={} subject=\"{}\" applicationUri={} trustedServers={}",
                generate ? "generated" : "loaded", file, certificate.getSubjectX500Principal().getName(),
                applicationUri, pki.resolve("trusted").resolve("certs"));
        // a server certificate not trusted is kept as a file, so an operator can trust it by moving it (as the plant)
        final CertificateQuarantine rejected = FileBasedCertificateQuarantine.create(pki.resolve("rejected")
                .resolve("certs"));
        return new ClientPki(keyPair, certificate, trustList, rejected);
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** Give this to the server's operator (the plant: {@code trusted/certs} of its PKI directory). */
    public X509Certificate certificate() {
        return certificate;
    }

    FileBasedTrustListManager trustList() {
        return trustList;
    }

    /** Where refused server certificates go: {@code rejected/certs}; move one to {@code trusted/certs} to trust it. */
    CertificateQuarantine rejected() {
        return rejected;
    }

    @Override
    public void close() throws IOException {
        trustList.close();
    }
}
