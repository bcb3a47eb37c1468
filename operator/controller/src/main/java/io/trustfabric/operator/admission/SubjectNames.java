package io.trustfabric.operator.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the serving certificate is valid for (its subjectAltName): the webhook Service's DNS names, as the API
 * server dials {@code <service>.<namespace>.svc}, plus configured extra DNS names and IP addresses.
 *
 * @param dnsNames    DNS names, in order
 * @param ipAddresses IP address literals (v4 or v6), in order
 */
public record SubjectNames(List<String> dnsNames, List<String> ipAddresses) {

    private static final Pattern DNS_NAME = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$");
    private static final Pattern IPV4 = Pattern.compile(
            "^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$");

    public SubjectNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one name");
        }
    }

    /** The Service's names in the namespace, then the extra names, without duplicates. */
    public static SubjectNames of(String serviceName, String namespace, List<String> extraNames) {
        Set<String> dns = new LinkedHashSet<>();
        Set<String> ips = new LinkedHashSet<>();
        dns.add(serviceName + "." + namespace + ".svc");
        dns.add(serviceName + "." + namespace + ".svc.cluster.local");
        for (String name : extraNames) {
            requireValid(name);
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            if (isIpAddress(normalized)) {
                ips.add(normalized);
            } else {
                dns.add(normalized);
            }
        }
        return new SubjectNames(new ArrayList<>(dns), new ArrayList<>(ips));
    }

    /**
     * @throws IllegalArgumentException unless the text is a DNS name (RFC 1123, lower case) or an IP address literal
     */
    public static void requireValid(String name) {
        String value = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || !(isIpAddress(value) || value.length() <= 253 && DNS_NAME.matcher(value).matches())) {
            throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address");
        }
    }

    /** Whether the text is an IPv4 dotted quad or an IPv6 literal (checked without any name lookup). */
    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !value.matches("^[0-9a-f:.]+$")) {
            return false;
        }
        try {
            // a literal with ':' is parsed, never resolved
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Every name, DNS names first. */
    public List<String> all() {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(ipAddresses);
        return all;
    }
}
