package dev.chipwatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {
  private final AddressGuard strict = new AddressGuard(AddressGuardTest::unresolvable, false, Set.of());

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, LOOPBACK",
      "127.255.0.9, LOOPBACK",
      "10.1.2.3, PRIVATE",
      "172.16.0.1, PRIVATE",
      "172.31.255.255, PRIVATE",
      "192.168.1.1, PRIVATE",
      "169.254.1.1, LINK_LOCAL",
      "169.254.169.254, CLOUD_METADATA",
      "100.64.0.1, CGNAT",
      "100.127.255.254, CGNAT",
      "224.0.0.1, MULTICAST",
      "239.255.255.250, MULTICAST",
      "0.0.0.0, UNSPECIFIED",
      "0.1.2.3, RESERVED",
      "240.0.0.1, RESERVED",
      "255.255.255.255, RESERVED",
      "8.8.8.8, PUBLIC",
      "172.32.0.1, PUBLIC",
      "100.128.0.1, PUBLIC",
      "::1, LOOPBACK",
      "::, UNSPECIFIED",
      "fe80::1, LINK_LOCAL",
      "fec0::1, PRIVATE",
      "fc00::1, UNIQUE_LOCAL",
      "fd12:3456::1, UNIQUE_LOCAL",
      "fd00:ec2::254, CLOUD_METADATA",
      "ff02::1, MULTICAST",
      "64:ff9b::a00:1, PRIVATE",
      "2002:7f00:1::, LOOPBACK",
      "2001:db8::1, RESERVED",
      "2606:4700:4700::1111, PUBLIC",
  })
  void classifiesLiterals(String literal, AddressClass expected) throws Exception {
    assertEquals(expected, AddressClass.of(InetAddress.getByName(literal)));
  }

  @Test
  void ipv4MappedAndCompatibleIpv6FormsAreJudgedByTheirIpv4Address() throws Exception {
    // built as Inet6Address on purpose: InetAddress.getByName would hand back an Inet4Address
    assertEquals(AddressClass.PRIVATE, AddressClass.of(ipv6(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001)));
    assertEquals(AddressClass.LOOPBACK, AddressClass.of(ipv6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001)));
    assertEquals(AddressClass.CLOUD_METADATA, AddressClass.of(ipv6(0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe)));
    assertEquals(AddressClass.PUBLIC, AddressClass.of(ipv6(0, 0, 0, 0, 0, 0xffff, 0x0808, 0x0808)));
    assertEquals(AddressClass.PRIVATE, AddressClass.of(ipv6(0, 0, 0, 0, 0, 0, 0xc0a8, 0x0001)));
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "[::1]", "10.0.0.1", "169.254.169.254", "[fd00:ec2::254]", "[fc00::5]", "100.64.1.1",
      "[::ffff:192.168.0.1]", "0.0.0.0", "224.0.0.1"})
  void strictGuardRefusesNonPublicLiterals(String host) {
    FeedException e = assertThrows(FeedException.class, () -> strict.check(host));

    assertEquals(FeedException.Reason.BLOCKED_ADDRESS, e.reason());
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
    AddressGuard guard = new AddressGuard(
        host -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")},
        false, Set.of());

    FeedException e = assertThrows(FeedException.class, () -> guard.check("mixed.test"));

    assertEquals(FeedException.Reason.BLOCKED_ADDRESS, e.reason());
    assertTrue(e.getMessage().contains("10.0.0.7"), e.getMessage());
  }

  @Test
  void aPublicNameYieldsTheAddressToConnectTo() throws Exception {
    InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
    AddressGuard guard = new AddressGuard(host -> new InetAddress[] {publicAddress}, false, Set.of());

    assertEquals(publicAddress, guard.check("example.test"));
  }

  @Test
  void privateNetworksCanBeAllowedButNotCloudMetadata() throws Exception {
    AddressGuard lenient = new AddressGuard(AddressGuardTest::unresolvable, true, Set.of());

    assertEquals(InetAddress.getByName("127.0.0.1"), lenient.check("127.0.0.1"));
    assertEquals(InetAddress.getByName("10.0.0.1"), lenient.check("10.0.0.1"));
    assertEquals(FeedException.Reason.BLOCKED_ADDRESS,
        assertThrows(FeedException.class, () -> lenient.check("169.254.169.254")).reason());
    assertEquals(FeedException.Reason.BLOCKED_ADDRESS,
        assertThrows(FeedException.class, () -> lenient.check("[fd00:ec2::254]")).reason());
  }

  @Test
  void allowedHostsPassWhateverTheyResolveTo() throws Exception {
    AddressGuard guard = new AddressGuard(TestServer.RESOLVER, false, Set.of("feed.test"));

    assertEquals(InetAddress.getByName("127.0.0.1"), guard.check("FEED.test"));
    assertEquals(FeedException.Reason.BLOCKED_ADDRESS,
        assertThrows(FeedException.class, () -> guard.check("other.test")).reason());
  }

  @Test
  void unresolvableNameIsDns() {
    FeedException e = assertThrows(FeedException.class, () -> strict.check("nowhere.test"));

    assertEquals(FeedException.Reason.DNS, e.reason());
  }

  private static InetAddress[] unresolvable(String host) throws UnknownHostException {
    throw new UnknownHostException(host);
  }

  private static InetAddress ipv6(int... groups) throws UnknownHostException {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[2 * i] = (byte) (groups[i] >> 8);
      bytes[2 * i + 1] = (byte) groups[i];
    }
    InetAddress address = Inet6Address.getByAddress(null, bytes, -1);
    assertTrue(address instanceof Inet6Address, "the IPv6 code path is the one under test");
    return address;
  }
}
