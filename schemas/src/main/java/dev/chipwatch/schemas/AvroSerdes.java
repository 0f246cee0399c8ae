package dev.chipwatch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one serde factory for Chipwatch's Avro records. Values use Avro single-object encoding
 * (a 10-byte header carrying the writer schema's fingerprint), so no registry is needed; every
 * earlier version of a schema kept under {@code avro-history/} is registered with the decoder, so
 * records written by older releases stay readable.
 */
public final class AvroSerdes {
  static final String HISTORY_INDEX = "avro-history/index.txt";

  private static final Map<Class<?>, Serde<?>> SERDES = new ConcurrentHashMap<>();

  private AvroSerdes() {}

  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    return (Serde<T>) SERDES.computeIfAbsent(type, t -> create((Class<T>) t));
  }

  private static <T extends SpecificRecord> Serde<T> create(Class<T> type) {
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (Schema old : earlierVersions(schema.getFullName())) {
      store.addSchema(old);
    }
    BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(data, schema);
    BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(data, schema, store);
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return toArray(encoder.encode(value));
      } catch (IOException e) {
        throw new SerializationException("cannot encode " + schema.getName() + " for " + topic, e);
      }
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decoder.decode(bytes);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "cannot decode " + schema.getName() + " from " + topic + ": " + e.getMessage(), e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /** Earlier writer schemas of a record, listed in {@code avro-history/index.txt}. */
  static List<Schema> earlierVersions(String fullName) {
    List<Schema> schemas = new ArrayList<>();
    ClassLoader loader = AvroSerdes.class.getClassLoader();
    try (InputStream index = loader.getResourceAsStream(HISTORY_INDEX)) {
      if (index == null) {
        return schemas;
      }
      for (String line : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String path = line.strip();
        if (path.isEmpty() || path.startsWith("#")) {
          continue;
        }
        try (InputStream in = loader.getResourceAsStream("avro-history/" + path)) {
          if (in == null) {
            throw new IllegalStateException("avro-history lists a missing file: " + path);
          }
          Schema old = new Schema.Parser().parse(in);
          if (old.getFullName().equals(fullName)) {
            schemas.add(old);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return schemas;
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
