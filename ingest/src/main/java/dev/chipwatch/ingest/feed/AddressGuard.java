package dev.chipwatch.ingest.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves a host once and refuses it when any of its addresses is not public (SSRF guard). The caller
 * connects to the address returned, never to the name again, so a DNS answer that changes between the
 * check and the connection (DNS rebinding) cannot slip a private address in.
 */
public final class AddressGuard {
  private final HostResolver resolver;
  private final boolean allowPrivateNetworks;
  private final Set<String> allowedHosts;

  public AddressGuard(HostResolver resolver, boolean allowPrivateNetworks, Set<String> allowedHosts) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.allowedHosts = allowedHosts == null ? Set.of() : allowedHosts;
  }

  public static AddressGuard of(FetchSettings settings, HostResolver resolver) {
    return new AddressGuard(resolver, settings.allowPrivateNetworks(), settings.allowedHosts());
  }

  /**
   * The address to connect to for {@code host} (a name, or an IP literal with or without IPv6 brackets).
   *
   * @throws FeedException DNS when the name does not resolve, BLOCKED_ADDRESS when any address is refused
   */
  public InetAddress check(String host) throws FeedException {
    if (host == null || host.isEmpty()) {
      throw new FeedException(FeedException.Reason.BAD_URL, "no host");
    }
    String lower = host.toLowerCase(Locale.ROOT);
    String bare = lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    InetAddress[] addresses = resolve(bare);
    if (allowedHosts.contains(bare) || allowedHosts.contains(lower)) {
      return addresses[0];
    }
    // every address is checked, not only the first: the connection could be made to any of them
    for (InetAddress address : addresses) {
      AddressClass kind = AddressClass.of(address);
      boolean refused = kind == AddressClass.CLOUD_METADATA || (kind != AddressClass.PUBLIC && !allowPrivateNetworks);
      if (refused) {
        throw new FeedException(FeedException.Reason.BLOCKED_ADDRESS,
            bare + " resolves to a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " address ("
                + address.getHostAddress() + ")");
      }
    }
    return addresses[0];
  }

  private InetAddress[] resolve(String host) throws FeedException {
    try {
      InetAddress[] addresses = isIpLiteral(host) ? new InetAddress[] {InetAddress.getByName(host)} : resolver.resolve(host);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(host);
      }
      return Arrays.copyOf(addresses, addresses.length);
    } catch (UnknownHostException e) {
      throw new FeedException(FeedException.Reason.DNS, host + " does not resolve", e);
    } catch (SecurityException | IllegalArgumentException e) {
      throw new FeedException(FeedException.Reason.DNS, host + " cannot be resolved", e);
    }
  }

  /** Literals never reach the resolver: {@code InetAddress.getByName} parses them without any lookup. */
  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
