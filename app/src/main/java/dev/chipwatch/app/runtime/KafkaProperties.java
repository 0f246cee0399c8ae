package dev.chipwatch.app.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Client properties for every Kafka client Chipwatch creates, from one place. */
public final class KafkaProperties {
  private final String bootstrapServers;
  private final Map<String, String> extra;
  private final String processingGuarantee;
  private final Path stateDir;
  private final int replicationFactor;

  public KafkaProperties(String bootstrapServers, Map<String, String> extra, String processingGuarantee,
      Path stateDir, int replicationFactor) {
    this.bootstrapServers = bootstrapServers;
    this.extra = Map.copyOf(extra);
    this.processingGuarantee = processingGuarantee;
    this.stateDir = stateDir;
    this.replicationFactor = replicationFactor;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Properties admin() {
    Properties p = new Properties();
    p.putAll(extra);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** Idempotent, acks=all; transactional when a transactional id is given. */
  public Properties producer(String clientId, String transactionalId) {
    Properties p = admin();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return p;
  }

  public Properties consumer(String clientId, String groupId) {
    Properties p = admin();
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }

  /** @param dlqTopic where poison records go (see {@link DeadLetterHandler}) */
  public Properties streams(String applicationId, String dlqTopic) {
    Properties p = admin();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("streams").toAbsolutePath().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
    p.put(DeadLetterHandler.DLQ_TOPIC_CONFIG, dlqTopic);
    // rules and other global tables are written in transactions; never read what was aborted
    p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    return p;
  }
}
