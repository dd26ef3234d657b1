package io.twinloop.optimizer.consumergroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

class ConsumerGroupConfigTest {

    @Test
    void theConsumerNeverCommitsAndStartsAtTheEndBecauseDittoIsReadOnEveryAssignment() {
        final Properties properties = ConsumerGroupConfig.of("kafka:9092").withClientId("optimizer-1")
                .consumerProperties();
        assertThat(properties).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "twinloop-optimizer")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "optimizer-1")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    }

    @Test
    void saslSettingsAreOnesKafkasConsumerAcceptsAndThePasswordIsNotShown() {
        // an address that resolves: the consumer resolves its bootstrap servers when it is made
        final ConsumerGroupConfig config = ConsumerGroupConfig.of("127.0.0.1:9092")
                .withSasl("SCRAM-SHA-512", "twinloop", "se\"cret");
        assertThat(config.consumerProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(config.properties().get("sasl.jaas.config")).contains("ScramLoginModule")
                .contains("password=\"se\\\"cret\"");
        assertThat(config.toString()).doesNotContain("se\"cret").contains("sasl.jaas.config");
        // Kafka's own consumer takes them (it parses the JAAS line when it is made)
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config.consumerProperties())) {
            assertThat(consumer.subscription()).isEmpty();
        }
    }

    @Test
    void badSettingsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka")).hasMessageContaining("'kafka' is not HOST:PORT");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092,:1")).hasMessageContaining("':1'");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092").withTopic("twin events"))
                .hasMessageContaining("topic 'twin events' is not a Kafka topic name");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092").withGroupId(" "))
                .hasMessageContaining("groupId must not be empty");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092").withProperty("enable.auto.commit", "true"))
                .hasMessageContaining("property 'enable.auto.commit' is set by the optimizer itself");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092").withSasl("GSSAPI", "u", "p"))
                .hasMessageContaining("SASL mechanism 'GSSAPI' is not one of");
        assertThatThrownBy(() -> ConsumerGroupConfig.of("kafka:9092").withSasl("PLAIN", "u", ""))
                .hasMessageContaining("SASL password must not be empty");
        assertThatThrownBy(() -> new ConsumerGroupConfig("kafka:9092", "t", "g", Optional.empty(),
                Map.of("group.id", "other"))).hasMessageContaining("'group.id'");
    }
}
