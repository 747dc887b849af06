package io.canopy.kit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Literal addresses only: InetAddress.getByName on a literal makes no lookup and no connection. */
class OutboundAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.0.0.2, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "100.64.0.1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "fc00::1, unique-local", "fd12:3456::1, unique-local",
            "224.0.0.1, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified", "0.1.2.3, unspecified",
            "255.255.255.255, reserved",
            "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local",
    })
    void internalAddressesAreClassified(String literal, String kind) throws UnknownHostException {
        assertThat(OutboundAddresses.internalKind(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest
    @CsvSource({ "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1", "::ffff:8.8.8.8" })
    void publicAddressesPass(String literal) throws UnknownHostException {
        assertThat(OutboundAddresses.internalKind(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsInternal() {
        OutboundAddresses policy = OutboundAddresses.allowing("", host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5") });
        assertThatThrownBy(() -> policy.check("rebind.example", 443))
                .isInstanceOf(OutboundAddresses.Refused.class)
                .hasMessageContaining("private")
                .hasMessageNotContaining("10.0.0.5");
    }

    @Test
    void anAllowListedHostPortPassesButOnlyOnThatPort() {
        OutboundAddresses policy = OutboundAddresses.allowing("127.0.0.1:9090, localhost:9091",
                host -> new InetAddress[] { InetAddress.getByName("127.0.0.1") });
        assertThat(policy.check("127.0.0.1", 9090)).hasSize(1);
        assertThat(policy.check("localhost", 9091)).hasSize(1);
        assertThatThrownBy(() -> policy.check("127.0.0.1", 9092)).isInstanceOf(OutboundAddresses.Refused.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void anUnresolvableHostIsRefusedWithoutSayingMore() {
        OutboundAddresses policy = OutboundAddresses.allowing("", host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> policy.check("nowhere.invalid", 443)).hasMessage("the host name does not resolve");
    }

    @Test
    void aMalformedAllowListEntryIsAClearError() {
        assertThatThrownBy(() -> OutboundAddresses.allowing("127.0.0.1", h -> new InetAddress[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
    }
}
