package dev.chipwatch.ingest.websub;

/** Where content a hub pushed for a feed goes: the same path as a poll's. */
public interface PushSink {
  void pushed(String feedId, byte[] body, String contentType);
}
