package com.example.likes.platform.web.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Who a client is, for its rate limits: its IPv4 address, or its IPv6 /64 network. One IPv6 host is usually given a
 * whole /64 (a home, a phone, a cloud instance), and may pick a new address in it for every request; a limit per
 * address would let it pass every limit.
 */
final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {}

    /**
     * The client that {@code address} (an IPv4 or IPv6 literal, as Tomcat reports it) belongs to: the IPv4 address
     * itself (an IPv4-mapped IPv6 address too), or the IPv6 /64 network, as {@code 2001:db8:0:1::/64}. Anything else
     * is returned as it is: it is never looked up in DNS.
     */
    static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal with a colon is parsed as IPv6 and never resolved.
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet4Address mapped) {
                return mapped.getHostAddress();
            }
            if (parsed instanceof Inet6Address v6) {
                byte[] network = Arrays.copyOf(v6.getAddress(), 16);
                Arrays.fill(network, IPV6_NETWORK_BYTES, 16, (byte) 0);
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            }
            return address;
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
