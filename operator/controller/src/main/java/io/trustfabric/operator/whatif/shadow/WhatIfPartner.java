package io.trustfabric.operator.whatif.shadow;

import io.trustfabric.operator.allowlist.ApiKeyHash;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one partner a shadow worker serves: {@code whatif-<scenario>}, with an API key made for this run. The key lives
 * in operator memory only; the shadows get its salted hash, exactly as partners' keys reach tenant workers.
 */
public final class WhatIfPartner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final String apiKey;
    private final ApiKeyHash hash;

    private WhatIfPartner(String id, String apiKey, ApiKeyHash hash) {
        this.id = id;
        this.apiKey = apiKey;
        this.hash = hash;
    }

    public static WhatIfPartner create(String namespace, String tenant, String scenario) {
        String id = partnerId(scenario);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String apiKey = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        return new WhatIfPartner(id, apiKey, ApiKeyHash.of(ApiKeyHash.salt(namespace, tenant, id), apiKey));
    }

    static String partnerId(String scenario) {
        return "whatif-" + scenario;
    }

    public String id() {
        return id;
    }

    public String apiKey() {
        return apiKey;
    }

    public ApiKeyHash hash() {
        return hash;
    }

    @Override
    public String toString() {
        return "WhatIfPartner[" + id + "]"; // never the key
    }
}
