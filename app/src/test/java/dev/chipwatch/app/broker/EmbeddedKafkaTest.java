package dev.chipwatch.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chipwatch.app.runtime.TopicProvisioner;
import dev.chipwatch.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @TempDir Path dir;

  @Test
  void keepsTopicsAndRecordsAcrossARestart() throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.onFreePorts(dir.resolve("kafka"));
    kafka.start();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    Topics topics = Topics.withDefaultPrefix();
    TopicProvisioner.ensureTopics(admin, topics, (short) 1);
    String topic = topics.name(Topics.Topic.DLQ);
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "survives")).get();
    }
    kafka.close();

    EmbeddedKafka again = new EmbeddedKafka(dir.resolve("kafka"), portOf(kafka), controllerPortOf(kafka));
    again.start();
    try (Admin a = Admin.create(admin)) {
      Set<String> names = a.listTopics().names().get();
      for (Topics.Topic t : Topics.Topic.values()) {
        assertTrue(names.contains(topics.name(t)), topics.name(t));
      }
      assertEquals("compact", a.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topics.name(Topics.Topic.EXPORT_STATUS))))
          .all().get().values().iterator().next().get("cleanup.policy").value());
    }
    Properties c = new Properties();
    c.put("bootstrap.servers", again.bootstrapServers());
    c.put("group.id", "t");
    c.put("auto.offset.reset", "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.isEmpty() && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    again.close();
    assertEquals(List.of("survives"), values);
  }

  private static int portOf(EmbeddedKafka k) {
    return Integer.parseInt(k.bootstrapServers().substring(k.bootstrapServers().lastIndexOf(':') + 1));
  }

  private static int controllerPortOf(EmbeddedKafka k) {
    return Integer.parseInt(k.properties().getProperty("controller.quorum.voters").replaceAll(".*:", ""));
  }
}
