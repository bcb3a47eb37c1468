package io.trustfabric.operator.policy.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T13:00:00Z");
    private static final TenantRef ACME = new TenantRef("trust", "acme");

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();

    static JsonNode event(String id, String namespace, String tenant, Instant at) {
        try {
            return JSON.readTree("""
                    {"decision_id": "%s", "path": "trustfabric/decision/result", "timestamp": "%s",
                     "labels": {"id": "opa-1"}, "req_id": 4, "metrics": {"timer_server_handler_ns": 1},
                     "bundles": {"macros": {"revision": "catalog-3"}, "tenant-%s": {"revision": "p@7"}},
                     "input": {"tenant": {"namespace": "%s", "name": "%s", "modes": ["psi-ca"], "contractFlags": [],
                                          "normalization": "email-lowercase", "secret": "x"},
                               "partner": {"id": "globex", "region": "eu-west-1", "contractFlags": ["a"],
                                           "modes": ["psi"], "apiKey": "never"},
                               "query": {"mode": "psi-ca", "setSize": 1200, "normalization": "email-lowercase",
                                         "elements": ["blinded"]},
                               "volume": {"hour": {"queries": 3, "elements": 3600}, "day": {"queries": 10,
                                          "elements": 12000, "extra": 1}},
                               "budget": {"enforced": true}, "time": "2026-12-03T13:00:00Z",
                               "items": ["alice@example.com"]},
                     "result": {"allow": false, "tenant": "%s", "policy": "trust/p", "revision": 7,
                                "denials": [{"rule": "eu-only", "macro": "residency@v1", "action": "enforce",
                                             "code": "region-not-allowed", "message": "no"}],
                                "warnings": [{"rule": "w", "code": "soft"}],
                                "dryrun": [{"rule": "d", "code": "would-deny"}],
                                "obligations": [{"type": "suppress-count-below", "k": 10}],
                                "errors": [{"code": "tenant-not-loaded"}]}}
                    """.formatted(id, at, tenant, namespace, tenant, tenant));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keepsTheContractFieldsAndTheResultSummaryOnly() {
        DecisionLog log = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        assertThat(log.add(ACME, List.of(event("d-1", "trust", "acme", T0)))).isEqualTo(
                new DecisionLog.Accepted(1, 0, 0));
        DecisionRecord record = log.recent("trust", "acme", Instant.EPOCH, 10).get(0);
        assertThat(record.decisionId()).isEqualTo("d-1");
        assertThat(record.timestamp()).isEqualTo(T0);
        assertThat(record.tenant()).isEqualTo(ACME);
        assertThat(record.bundles()).isEqualTo(Map.of("macros", "catalog-3", "tenant-acme", "p@7"));
        assertThat(read(record.input().toString())).isEqualTo(read("""
                {"tenant": {"namespace": "trust", "name": "acme", "modes": ["psi-ca"], "contractFlags": [],
                            "normalization": "email-lowercase"},
                 "partner": {"id": "globex", "region": "eu-west-1", "contractFlags": ["a"], "modes": ["psi"]},
                 "query": {"mode": "psi-ca", "setSize": 1200, "normalization": "email-lowercase"},
                 "volume": {"hour": {"queries": 3, "elements": 3600}, "day": {"queries": 10, "elements": 12000}},
                 "budget": {"enforced": true}, "time": "2026-12-03T13:00:00Z"}
                """));
        DecisionRecord.Outcome outcome = record.outcome();
        assertThat(outcome.allow()).isFalse();
        assertThat(outcome.policy()).isEqualTo("trust/p");
        assertThat(outcome.revision()).isEqualTo(7);
        assertThat(outcome.denials()).containsExactly(new DecisionRecord.Finding("eu-only", "region-not-allowed"));
        assertThat(outcome.warnings()).containsExactly(new DecisionRecord.Finding("w", "soft"));
        assertThat(outcome.dryrun()).containsExactly(new DecisionRecord.Finding("d", "would-deny"));
        assertThat(outcome.errors()).containsExactly(new DecisionRecord.Finding(null, "tenant-not-loaded"));
        assertThat(outcome.error()).isNull();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUndefinedOrFailedDecisionHasNoAllow() {
        DecisionLog log = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        var undefined = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-1", "trust", "acme", T0);
        undefined.remove("result");
        var failed = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-2", "trust", "acme", T0);
        failed.remove("result");
        failed.putObject("error").put("code", "internal_error").put("message", "eval failed");
        log.add(ACME, List.of(undefined, failed));
        List<DecisionRecord> recent = log.recent("trust", "acme", Instant.EPOCH, 10);
        assertThat(recent).extracting(r -> r.outcome().allow()).containsOnlyNulls();
        assertThat(recent.get(0).outcome().error()).isEqualTo("eval failed");
    }

    @Test
    void anotherTenantsDecisionsAreDroppedAndCountedUnlessTheRuleAllowsThem() {
        DecisionLog own = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        assertThat(own.add(ACME, List.of(event("d-1", "trust", "globex", T0), event("d-2", "other", "acme", T0),
                event("d-3", "trust", "acme", T0)))).isEqualTo(new DecisionLog.Accepted(1, 2, 0));
        assertThat(own.recent("trust", "globex", Instant.EPOCH, 10)).isEmpty();
        assertThat(own.recent("other", "acme", Instant.EPOCH, 10)).isEmpty();
        assertThat(own.foreignCount()).isEqualTo(2);

        Map<TenantRef, String> pools = Map.of(ACME, "pool-a", new TenantRef("trust", "globex"), "pool-a",
                new TenantRef("trust", "initech"), "pool-b", new TenantRef("other", "acme"), "pool-a");
        DecisionLog pooled = new DecisionLog(DecisionLog.Limits.DEFAULT, clock,
                CrossTenantRule.samePool(tenant -> Optional.ofNullable(pools.get(tenant))));
        assertThat(pooled.add(ACME, List.of(event("d-1", "trust", "globex", T0), event("d-2", "trust", "initech", T0),
                event("d-3", "other", "acme", T0), event("d-4", "trust", "hooli", T0))))
                .isEqualTo(new DecisionLog.Accepted(1, 3, 0));
        assertThat(pooled.recent("trust", "globex", Instant.EPOCH, 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("d-1");
    }

    @Test
    void ignoresEventsThatAreNotContractDecisions() {
        DecisionLog log = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        var otherPath = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-1", "trust", "acme", T0);
        otherPath.put("path", "system/main");
        var noTenant = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-2", "trust", "acme", T0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) noTenant.get("input")).remove("tenant");
        var noId = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-3", "trust", "acme", T0);
        noId.remove("decision_id");
        assertThat(log.add(ACME, List.of(otherPath, noTenant, noId, JSON.getNodeFactory().textNode("x"))))
                .isEqualTo(new DecisionLog.Accepted(0, 0, 4));
        assertThat(log.size()).isZero();
    }

    @Test
    void keepsAtMostPerTenantEntriesDroppingTheOldest() {
        DecisionLog log = new DecisionLog(new DecisionLog.Limits(3, 100, Duration.ofHours(1)), clock,
                CrossTenantRule.sameTenantOnly());
        for (int i = 1; i <= 5; i++) {
            log.add(ACME, List.of(event("d-" + i, "trust", "acme", T0.plusSeconds(i))));
        }
        assertThat(log.recent("trust", "acme", Instant.EPOCH, 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("d-5", "d-4", "d-3");
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.evictedCount()).isEqualTo(2);
    }

    @Test
    void keepsAtMostTotalEntriesDroppingTheOldestOfAnyTenant() {
        TenantRef globex = new TenantRef("trust", "globex");
        DecisionLog log = new DecisionLog(new DecisionLog.Limits(10, 4, Duration.ofHours(1)), clock,
                CrossTenantRule.sameTenantOnly());
        log.add(ACME, List.of(event("a-1", "trust", "acme", T0), event("a-2", "trust", "acme", T0)));
        log.add(globex, List.of(event("g-1", "trust", "globex", T0), event("g-2", "trust", "globex", T0)));
        log.add(ACME, List.of(event("a-3", "trust", "acme", T0)));
        log.add(globex, List.of(event("g-3", "trust", "globex", T0)));
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.recent("trust", "acme", Instant.EPOCH, 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("a-3");
        assertThat(log.recent("trust", "globex", Instant.EPOCH, 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("g-3", "g-2", "g-1");
    }

    @Test
    void forgetsEntriesOlderThanTheMaximumAge() {
        DecisionLog log = new DecisionLog(new DecisionLog.Limits(10, 100, Duration.ofHours(24)), clock,
                CrossTenantRule.sameTenantOnly());
        log.add(ACME, List.of(event("old", "trust", "acme", T0)));
        clock.now = T0.plus(Duration.ofHours(23));
        log.add(ACME, List.of(event("new", "trust", "acme", clock.now)));
        assertThat(log.size()).isEqualTo(2);
        clock.now = T0.plus(Duration.ofHours(24)).plusSeconds(1);
        assertThat(log.recent("trust", "acme", Instant.EPOCH, 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("new");
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void recentFiltersBySinceAndLimitNewestFirst() {
        DecisionLog log = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("d-" + i, "trust", "acme", T0.plusSeconds(60L * i)));
        }
        log.add(ACME, events);
        assertThat(log.recent("trust", "acme", T0.plusSeconds(120), 10)).extracting(DecisionRecord::decisionId)
                .containsExactly("d-5", "d-4", "d-3", "d-2");
        assertThat(log.recent("trust", "acme", Instant.EPOCH, 2)).extracting(DecisionRecord::decisionId)
                .containsExactly("d-5", "d-4");
        assertThat(log.recent("trust", "nobody", Instant.EPOCH, 2)).isEmpty();
    }

    @Test
    void longOrManyValuesAreCut() {
        DecisionLog log = new DecisionLog(DecisionLog.Limits.DEFAULT, clock, CrossTenantRule.sameTenantOnly());
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) event("d-1", "trust", "acme", T0);
        var partner = (com.fasterxml.jackson.databind.node.ObjectNode) event.get("input").get("partner");
        partner.put("region", "r".repeat(10_000));
        var flags = partner.putArray("contractFlags");
        for (int i = 0; i < 1000; i++) {
            flags.add("f" + i);
        }
        log.add(ACME, List.of(event));
        JsonNode input = log.recent("trust", "acme", Instant.EPOCH, 1).get(0).input();
        assertThat(input.at("/partner/region").asText()).hasSize(DecisionEvents.MAX_TEXT);
        assertThat(input.at("/partner/contractFlags")).hasSize(DecisionEvents.MAX_ITEMS);
    }
}
