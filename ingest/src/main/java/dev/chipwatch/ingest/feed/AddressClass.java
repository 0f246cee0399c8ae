package dev.chipwatch.ingest.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a feed must not point us at by default: everything that is not public unicast.
 * Modelled on Miniflux's {@code IsNonPublicIP}, plus CGNAT, unique-local, reserved ranges and the
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4).
 */
public enum AddressClass {
  PUBLIC, LOOPBACK, PRIVATE, LINK_LOCAL, CGNAT, UNIQUE_LOCAL, MULTICAST, UNSPECIFIED, RESERVED,
  /** Instance metadata services: refused even when private networks are allowed, they hand out credentials. */
  CLOUD_METADATA;

  public static AddressClass of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ofIpv4(b);
    }
    if (address instanceof Inet6Address) {
      return ofIpv6(b);
    }
    return RESERVED;
  }

  private static AddressClass ofIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    int a3 = b[3] & 0xff;
    if ((a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) // AWS, GCP, Azure, OpenStack
        || (a0 == 169 && a1 == 254 && a2 == 170 && a3 == 2) // AWS ECS task metadata
        || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200)) { // Alibaba Cloud
      return CLOUD_METADATA;
    }
    if (a0 == 0) {
      return a1 == 0 && a2 == 0 && a3 == 0 ? UNSPECIFIED : RESERVED; // 0/8 "this network"
    }
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return PRIVATE;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return CGNAT;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    if (a0 >= 240 // 240/4 reserved and 255.255.255.255 broadcast
        || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
        || (a0 == 198 && (a1 & 0xfe) == 18)) { // benchmarking, often routed internally
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressClass ofIpv6(byte[] b) {
    if (b[0] == (byte) 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == (byte) 0xc2 && allZero(b, 4, 14)
        && b[14] == 0x02 && b[15] == 0x54) {
      return CLOUD_METADATA; // fd00:ec2::254
    }
    if (allZero(b, 0, 16)) {
      return UNSPECIFIED;
    }
    if (allZero(b, 0, 15) && b[15] == 1) {
      return LOOPBACK;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL; // fc00::/7, which Inet6Address.isSiteLocalAddress() does not cover
    }
    if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0xc0) {
      return PRIVATE; // fec0::/10, the deprecated site-local range
    }
    if (b[0] == (byte) 0xff) {
      return MULTICAST;
    }
    if (allZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      return embeddedIpv4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
    }
    if (allZero(b, 0, 12)) {
      return embeddedIpv4(b, 12); // ::a.b.c.d, the deprecated IPv4-compatible form
    }
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
      return embeddedIpv4(b, 12); // 64:ff9b::/96, NAT64
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return embeddedIpv4(b, 2); // 2002::/16, 6to4
    }
    if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8)
        || (b[0] == 0x01 && b[1] == 0x00 && allZero(b, 2, 8))) {
      return RESERVED; // 2001:db8::/32 documentation, 100::/64 discard
    }
    return PUBLIC;
  }

  private static AddressClass embeddedIpv4(byte[] b, int from) {
    byte[] v4 = {b[from], b[from + 1], b[from + 2], b[from + 3]};
    try {
      return of(InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
