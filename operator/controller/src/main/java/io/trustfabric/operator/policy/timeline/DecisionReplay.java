package io.trustfabric.operator.policy.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.operator.macro.OpaPolicyApi;
import io.trustfabric.operator.policy.decisions.DecisionRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-decides recorded decision inputs with the operator's own OPA against a candidate tenant document, with the
 * decision module and the macro modules the operator accepted (the macros bundle the workers load). The modules and a
 * small replay module are loaded for the replay and deleted afterwards; the candidate document travels in each
 * request ({@code with data.trustfabric.tenants as ...}), so nothing of it stays in OPA.
 * <p>
 * Inputs go {@value #BATCH} per request; the whole replay stops at its deadline and reports what it replayed by then.
 */
public final class DecisionReplay {

    public static final int BATCH = 500;
    static final String MODULE_PREFIX = "trustfabric-replay/";
    static final String REPLAY_MODULE = MODULE_PREFIX + "replay.rego";
    static final List<String> RESULTS = List.of("trustfabric_replay", "results");
    /** Decides every input of the request again; keyed by index, so an input without a decision shows as a gap. */
    static final String REPLAY_REGO = """
            package trustfabric_replay

            # Each recorded decision input of the request decided again by the decision module, against the candidate
            # tenant documents in input.tenants instead of the bundles' data.
            results := {i: summary |
            	tenants := input.tenants
            	some i, recorded in input.inputs
            	r := data.trustfabric.decision.result with input as recorded with data.trustfabric.tenants as tenants
            	summary := {"allow": r.allow, "denials": [{"rule": d.rule, "code": d.code} | some d in r.denials], "errors": [e.code | some e in r.errors]}
            }
            """;

    private static final Logger LOG = LoggerFactory.getLogger(DecisionReplay.class);

    private final OpaPolicyApi opa;
    private final Supplier<SortedMap<String, String>> modules;
    private final Duration deadline;
    private final Duration requestTimeout;

    /**
     * @param opa            the operator's OPA
     * @param modules        the macros bundle's modules by bundle path (decision module and accepted macros)
     * @param deadline       how long one replay may take in all
     * @param requestTimeout how long one batch may take
     */
    public DecisionReplay(OpaPolicyApi opa, Supplier<SortedMap<String, String>> modules, Duration deadline,
                          Duration requestTimeout) {
        this.opa = opa;
        this.modules = modules;
        this.deadline = deadline;
        this.requestTimeout = requestTimeout;
    }

    /** What the new revision decides differently. {@code replayed} counts the decisions OPA decided again. */
    public record Result(int replayed, int withoutOutcome, long newlyDenied, long newlyAllowed,
                         Map<String, Long> deniedByPartner, Map<String, Long> allowedByPartner, int notReplayed,
                         Duration took) {
    }

    /**
     * One recorded decision decided again: the candidate's outcome next to the recorded one.
     *
     * @param allow   the candidate's {@code allow}
     * @param denials the candidate's enforced denials (rule name and code)
     */
    public record Redecided(DecisionRecord record, boolean allow, List<DecisionRecord.Finding> denials) {

        public Redecided {
            denials = List.copyOf(denials);
        }

        /** The recorded outcome (only records with one are replayed). */
        public boolean recordedAllow() {
            return record.outcome().allow();
        }
    }

    /** Receives each decision as it is decided again, in the order of the records. */
    @FunctionalInterface
    public interface Redecisions {
        void accept(Redecided decision);
    }

    /** What {@link #redecide} went through. */
    public record Pass(int replayed, int withoutOutcome, int notReplayed, boolean cancelled, Duration took) {
    }

    /** The replay could not run at all. */
    public static final class ReplayFailed extends Exception {
        public ReplayFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decides the records again against {@code tenantDocument} (for tenant {@code tenant}) and compares with what was
     * recorded: a record whose outcome is unknown (OPA failed then) is counted in {@code withoutOutcome}, not replayed.
     */
    public Result replay(String tenant, ObjectNode tenantDocument, List<DecisionRecord> records) throws ReplayFailed {
        Map<String, Long> denied = new LinkedHashMap<>();
        Map<String, Long> allowed = new LinkedHashMap<>();
        long[] changes = new long[2];
        Pass pass = redecide(tenant, tenantDocument, records, decided -> {
            if (decided.recordedAllow() && !decided.allow()) {
                changes[0]++;
                denied.merge(partner(decided.record()), 1L, Long::sum);
            } else if (!decided.recordedAllow() && decided.allow()) {
                changes[1]++;
                allowed.merge(partner(decided.record()), 1L, Long::sum);
            }
        }, () -> false);
        return new Result(pass.replayed(), pass.withoutOutcome(), changes[0], changes[1], denied, allowed,
                pass.notReplayed(), pass.took());
    }

    /**
     * Decides the records again against {@code tenantDocument} and hands each decided record to {@code each}, batch
     * by batch; stops at the deadline or when {@code cancelled} turns true (between batches). A record whose outcome
     * is unknown (OPA failed then) is counted in {@code withoutOutcome}, not replayed.
     */
    public Pass redecide(String tenant, ObjectNode tenantDocument, List<DecisionRecord> records, Redecisions each,
                         BooleanSupplier cancelled) throws ReplayFailed {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<DecisionRecord> comparable = records.stream().filter(r -> r.outcome().allow() != null).toList();
        int withoutOutcome = records.size() - comparable.size();
        int replayed = 0;
        boolean stopped = false;
        SortedMap<String, String> loaded = modules.get();
        List<String> ids = new ArrayList<>();
        synchronized (opa) { // PolicyMacro checks load modules into the same packages (OpaPolicyApi)
            try {
                opa.deletePolicies(MODULE_PREFIX); // what a replay cut short by a crash left behind
                for (Map.Entry<String, String> module : loaded.entrySet()) {
                    load(MODULE_PREFIX + module.getKey(), module.getValue(), ids);
                }
                load(REPLAY_MODULE, REPLAY_REGO, ids);
                String tenants = "{" + quote(tenant) + ":" + tenantDocument.toString() + "}";
                for (int from = 0; from < comparable.size(); from += BATCH) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    if (cancelled.getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    List<DecisionRecord> batch = comparable.subList(from, Math.min(comparable.size(), from + BATCH));
                    JsonNode results;
                    try {
                        results = opa.query(RESULTS, body(tenants, batch), Duration.ofNanos(Math.min(left,
                                requestTimeout.toNanos()))).orElse(null);
                    } catch (IOException e) {
                        if (replayed == 0) {
                            throw new ReplayFailed("OPA at " + opa.base() + " failed: " + describe(e));
                        }
                        LOG.warn("Decision replay stopped after {} of {} decisions: {}", replayed, comparable.size(),
                                describe(e));
                        break;
                    }
                    if (results == null || !results.isObject()) {
                        throw new ReplayFailed("OPA at " + opa.base() + " returned no replay results");
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        JsonNode decided = results.get(Integer.toString(i));
                        if (decided == null || !decided.path("allow").isBoolean()) {
                            continue;
                        }
                        replayed++;
                        each.accept(new Redecided(batch.get(i), decided.get("allow").booleanValue(),
                                denials(decided.path("denials"))));
                    }
                    if (replayed == 0 && !batch.isEmpty() && results.isEmpty()) {
                        throw new ReplayFailed("OPA decided none of the recorded inputs");
                    }
                }
            } catch (IOException e) {
                throw new ReplayFailed("OPA at " + opa.base() + " failed: " + describe(e));
            } finally {
                for (String id : ids) {
                    try {
                        opa.deletePolicy(id);
                    } catch (IOException e) {
                        LOG.warn("Could not delete replay module {} from OPA: {}", id, e.getMessage());
                    }
                }
            }
        }
        return new Pass(replayed, withoutOutcome, comparable.size() - replayed, stopped,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static List<DecisionRecord.Finding> denials(JsonNode denials) {
        List<DecisionRecord.Finding> found = new ArrayList<>();
        for (JsonNode denial : denials) {
            found.add(new DecisionRecord.Finding(denial.path("rule").asText(""), denial.path("code").asText("")));
        }
        return found;
    }

    /**
     * Removes replay modules a previous operator process left in OPA (it stopped in the middle of a replay), so a
     * PolicyMacro check never meets them. Best effort: OPA may not be up yet; every replay starts the same way.
     */
    public void removeLeftovers() {
        synchronized (opa) {
            try {
                int removed = opa.deletePolicies(MODULE_PREFIX);
                if (removed > 0) {
                    LOG.info("Removed {} replay modules an earlier operator process left in OPA", removed);
                }
            } catch (IOException e) {
                LOG.debug("Could not look for leftover replay modules in OPA: {}", describe(e));
            }
        }
    }

    private void load(String id, String rego, List<String> ids) throws IOException, ReplayFailed {
        List<OpaPolicyApi.CompileError> errors = opa.putPolicy(id, rego);
        if (!errors.isEmpty()) {
            throw new ReplayFailed("OPA did not compile " + id.substring(MODULE_PREFIX.length()) + ": "
                    + errors.get(0).message());
        }
        ids.add(id);
    }

    private static String body(String tenants, List<DecisionRecord> batch) {
        StringBuilder out = new StringBuilder(batch.size() * 512 + tenants.length() + 64);
        out.append("{\"input\":{\"tenants\":").append(tenants).append(",\"inputs\":[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(batch.get(i).inputJson());
        }
        return out.append("]}}").toString();
    }

    /** The partner id of a recorded decision, or "(unknown partner)". */
    public static String partner(DecisionRecord record) {
        String id = record.input().path("partner").path("id").asText("");
        return id.isEmpty() ? "(unknown partner)" : id;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
