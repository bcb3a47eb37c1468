package io.trustfabric.operator.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** Region names of the large cloud providers (regions.txt); anything else is likely a typo. */
public final class KnownRegions {

    private static final Set<String> REGIONS = load();

    private KnownRegions() {
    }

    public static Set<String> all() {
        return REGIONS;
    }

    public static boolean known(String region) {
        return REGIONS.contains(region);
    }

    private static Set<String> load() {
        Set<String> regions = new LinkedHashSet<>();
        try (InputStream in = KnownRegions.class.getResourceAsStream("regions.txt")) {
            if (in == null) {
                throw new IllegalStateException("regions.txt missing from the operator's resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String region = line.strip();
                if (!region.isEmpty() && !region.startsWith("#")) {
                    regions.add(region);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSet(regions);
    }
}
