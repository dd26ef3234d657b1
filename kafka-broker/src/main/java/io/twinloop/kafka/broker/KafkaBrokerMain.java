package io.twinloop.kafka.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;

/**
 * A single Apache Kafka 4 node in KRaft mode, broker and controller in one, on fixed ports and a fixed data
 * directory: started again on the same directory it keeps its topics and offsets, as a restarted broker does. Runs in
 * its own JVM (see {@link KafkaBrokerProcess}); prints {@value #READY} on standard output once it serves clients, and
 * shuts down cleanly on SIGTERM.
 *
 * <p>Arguments: {@code <data directory> <client port> <controller port>}.
 */
public final class KafkaBrokerMain {

    /** The line announcing that clients can connect. */
    public static final String READY = "TWINLOOP-KAFKA-BROKER-READY";

    private KafkaBrokerMain() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <data directory> <client port> <controller port>");
            System.exit(2);
        }
        final Path data = Path.of(args[0]).toAbsolutePath();
        final int port = Integer.parseInt(args[1]);
        final int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(data);
        final Path propertiesFile = data.resolve("server.properties");
        final Properties properties = properties(data.resolve("logs"), port, controllerPort);
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "written by " + KafkaBrokerMain.class.getName());
        }
        format(data, propertiesFile);

        final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-broker-shutdown"));
        server.startup();
        System.out.println(READY + " 127.0.0.1:" + port);
        System.out.flush();
        server.awaitShutdown();
    }

    /**
     * Formats the log directory once, with a cluster id kept beside it; a directory already formatted is left as it is
     * (a restart keeps the data).
     */
    private static void format(final Path data, final Path propertiesFile) throws IOException {
        final Path clusterIdFile = data.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
        }
        final String clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
        final int status = StorageTool$.MODULE$.execute(new String[] {"format", "--cluster-id", clusterId,
                "--config", propertiesFile.toString(), "--ignore-formatted"}, new PrintStream(System.err, true,
                StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka log directory " + data + " failed with status "
                    + status);
        }
    }

    /** One node, every internal topic with one replica, topics created on first use (as Hono's adapters expect). */
    static Properties properties(final Path logs, final int port, final int controllerPort) {
        final Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
