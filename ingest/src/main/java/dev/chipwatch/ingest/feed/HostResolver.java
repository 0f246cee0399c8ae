package dev.chipwatch.ingest.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, behind an interface so that tests can map names to loopback without a DNS server. */
@FunctionalInterface
public interface HostResolver {
  HostResolver SYSTEM = InetAddress::getAllByName;

  /** All addresses of {@code host}; never empty. */
  InetAddress[] resolve(String host) throws UnknownHostException;
}
