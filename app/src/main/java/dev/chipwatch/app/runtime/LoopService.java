package dev.chipwatch.app.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Loop} on its own thread until closed. A failing step is logged and retried after a
 * pause, so one bad moment (a broker restart) never ends the service.
 */
public final class LoopService implements ManagedService {
  private static final Logger LOG = LoggerFactory.getLogger(LoopService.class);
  private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(2);

  /** One unit of work; it should block no longer than about a second so close() is prompt. */
  public interface Loop extends AutoCloseable {
    void step() throws Exception;

    /** Wakes a blocked step (e.g. Consumer#wakeup); called from another thread. */
    default void wakeup() {}

    @Override
    default void close() {}
  }

  private final String name;
  private final Loop loop;
  private final AtomicReference<String> state = new AtomicReference<>("CREATED");
  private volatile boolean running;
  private Thread thread;

  public LoopService(String name, Loop loop) {
    this.name = name;
    this.loop = loop;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized void start() {
    running = true;
    state.set("RUNNING");
    thread = new Thread(this::run, "chipwatch-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        loop.step();
        state.set("RUNNING");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        if (!running) {
          break;
        }
      } catch (Exception e) {
        if (!running) {
          break;
        }
        state.set("RETRYING");
        LOG.warn("{}: {}; retrying in {} s", name, e.toString(), PAUSE_AFTER_ERROR.toSeconds());
        try {
          Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    try {
      loop.close();
    } catch (Exception e) {
      LOG.warn("{}: close failed: {}", name, e.toString());
    }
    state.set("STOPPED");
  }

  @Override
  public boolean healthy() {
    return running && !"STOPPED".equals(state.get());
  }

  @Override
  public String state() {
    return state.get();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t == null) {
      return;
    }
    loop.wakeup();
    try {
      t.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
