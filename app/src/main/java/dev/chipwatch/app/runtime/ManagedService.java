package dev.chipwatch.app.runtime;

/** A long-running part of a Chipwatch process, started and stopped by {@link ServiceGroup}. */
public interface ManagedService extends AutoCloseable {
  String name();

  void start();

  /** True while the service does its work; false before start, after close or after a fatal error. */
  boolean healthy();

  /** A short word for /health: RUNNING, REBALANCING, ERROR... */
  String state();

  @Override
  void close();
}
