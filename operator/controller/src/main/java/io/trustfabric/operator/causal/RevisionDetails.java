package io.trustfabric.operator.causal;

import io.trustfabric.api.v1alpha1.RevisionSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tenant's revisions in force with what is needed to say, at the next change, what changed: the worker settings
 * (worker.json flattened to dotted keys), each allowlist partner entry and each budget's settings. The policy's rule
 * diff is not kept here: the TrustPolicy's timeline already has it per bundle digest.
 *
 * @param set              the revisions in force
 * @param workerSettings   worker.json as {@code limits.maxClientSetSize -> 10000}
 * @param allowlistEntries {@code <allowlist>/<partner id> -> region=..., modes=..., expires=...}
 * @param budgetSettings   {@code <budget> -> partner=..., epsilonPerPeriod=..., cost=..., period=...}
 * @param policy           the governing TrustPolicy's revision in force, null without one
 * @param next             per part key, the object to look at next (kubectl or tfctl command)
 */
public record RevisionDetails(RevisionSet set, SortedMap<String, String> workerSettings,
                              SortedMap<String, String> allowlistEntries, SortedMap<String, String> budgetSettings,
                              PolicyInForce policy, Map<String, String> next) {

    public RevisionDetails {
        workerSettings = new TreeMap<>(workerSettings == null ? Map.of() : workerSettings);
        allowlistEntries = new TreeMap<>(allowlistEntries == null ? Map.of() : allowlistEntries);
        budgetSettings = new TreeMap<>(budgetSettings == null ? Map.of() : budgetSettings);
        next = next == null ? Map.of() : Map.copyOf(next);
    }

    /** The id decisions, receipts and windows carry instead of the whole set. */
    public String id() {
        return RevisionSets.id(set);
    }

    /**
     * @param name     namespace/name of the TrustPolicy
     * @param revision its revision whose bundle is in force
     * @param changes  the timeline's change lines of that revision (the rule diff)
     * @param impact   the timeline's replayed impact of that revision, null when unknown
     */
    public record PolicyInForce(String name, Long revision, List<String> changes, String impact) {
        public PolicyInForce {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }
}
