package dev.chipwatch.app.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle helper for every Chipwatch process: starts services in order, stops them in
 * reverse order (on close or JVM shutdown), and reports their health.
 */
public final class ServiceGroup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceGroup.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<ManagedService> services = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private Thread shutdownHook;

  /** Something to close with the group that is not a service (a broker, an HTTP server). */
  public synchronized <T extends AutoCloseable> T own(T resource) {
    resources.add(resource);
    return resource;
  }

  public synchronized <T extends ManagedService> T start(T service) {
    LOG.info("starting {}", service.name());
    resources.add(service);
    services.add(service);
    service.start();
    return service;
  }

  public synchronized void closeOnShutdown() {
    if (shutdownHook == null) {
      shutdownHook = new Thread(this::close, "chipwatch-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  public synchronized boolean healthy() {
    return !services.isEmpty() && services.stream().allMatch(ManagedService::healthy);
  }

  /** Every service fully running (no stream rebalancing or restoring). */
  public synchronized boolean allRunning() {
    return !services.isEmpty() && services.stream().allMatch(s -> "RUNNING".equals(s.state()));
  }

  public synchronized Map<String, String> states() {
    Map<String, String> out = new LinkedHashMap<>();
    services.forEach(s -> out.put(s.name(), s.state()));
    return out;
  }

  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed.getCount() == 0) {
        return;
      }
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    Collections.reverse(toClose);
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", r, e.toString());
      }
    }
    closed.countDown();
  }
}
