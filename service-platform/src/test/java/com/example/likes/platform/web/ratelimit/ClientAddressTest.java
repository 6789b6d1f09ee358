package com.example.likes.platform.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "2001:db8:0:1::1, 2001:db8:0:1:0:0:0:0/64",
        "2001:db8:0:1:ffff:ffff:ffff:ffff, 2001:db8:0:1:0:0:0:0/64",
        "2001:0db8:0000:0001:0000:0000:0000:0002, 2001:db8:0:1:0:0:0:0/64",
        "0:0:0:0:0:0:0:1, 0:0:0:0:0:0:0:0/64",
        "::ffff:203.0.113.7, 203.0.113.7",
        "fe80::1%1, fe80:0:0:0:0:0:0:0/64",
        "unknown, unknown",
        "not:an:address, not:an:address"
    })
    void anIpv4ClientIsItsAddressAndAnIpv6ClientItsSlash64(String address, String client) {
        assertThat(ClientAddress.of(address)).isEqualTo(client);
    }
}
