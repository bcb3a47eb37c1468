package io.trustfabric.operator.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.trustfabric.api.v1alpha1.DryrunTally;
import io.trustfabric.api.v1alpha1.EnforcementAction;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import io.trustfabric.api.v1alpha1.PolicyRule;
import io.trustfabric.api.v1alpha1.QueryMode;
import io.trustfabric.api.v1alpha1.Tenant;
import io.trustfabric.api.v1alpha1.TrustPolicy;
import io.trustfabric.operator.policy.MacroRef;
import io.trustfabric.operator.policy.TenantPolicyCompiler;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The checks of a TrustPolicy: its rules' macros and arguments, rules against each other, and risky settings. */
final class TrustPolicyChecks {

    /** Fewer blinded elements than this per query let a partner learn whether single items are in the tenant's set. */
    static final int PROBING_MINIMUM = 10;

    private final LintEnvironment environment;

    TrustPolicyChecks(LintEnvironment environment) {
        this.environment = environment;
    }

    /** {@code compiled}: the policy's compilation when the caller has it, null to compile here. */
    void check(TrustPolicy policy, TrustPolicy stored, TenantPolicyCompiler.Compiled compiled, Findings findings) {
        if (policy.getSpec() == null) {
            findings.add(FindingCode.MISSING_FIELD, "spec", "the policy has no spec", "add spec.tenantRef and spec.rules");
            return;
        }
        String namespace = policy.getMetadata() == null ? null : policy.getMetadata().getNamespace();
        List<PolicyRule> rules = policy.getSpec().getRules() == null ? List.of() : policy.getSpec().getRules();
        required(policy, rules, findings);
        duplicateNames(rules, findings);
        Set<String> already = new HashSet<>();
        findings.sorted().forEach(f -> already.add(f.getPath()));
        TenantPolicyCompiler.Compiled compilation = compiled != null ? compiled
                : new TenantPolicyCompiler().compile(policy, environment.macros());
        for (PolicyFinding f : compilation.findings()) {
            if (!already.contains(f.getPath())) {
                findings.addAll(List.of(f));
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            Optional<MacroRef> ref = MacroRef.parse(rule.getMacro());
            if (ref.isEmpty() || ref.get().version() != 1) {
                continue;
            }
            String path = "spec.rules[" + i + "]";
            Map<String, JsonNode> args = rule.getArguments() == null ? Map.of() : rule.getArguments();
            switch (ref.get().macro()) {
                case "set-size-cap" -> setSize(path, args, findings);
                case "residency" -> regions(path, args, findings);
                case "k-threshold" -> obligation(path, rule, findings);
                case "volume-cap" -> volume(path, args, findings);
                default -> { }
            }
        }
        disjointResidency(rules, findings);
        Optional<Tenant> tenant = tenant(policy, namespace, findings);
        psiGate(rules, tenant, findings);
        dryrun(policy, stored, rules, findings);
        if (namespace != null && policy.getSpec().getTenantRef() != null) {
            alreadyGoverned(policy, namespace, findings);
        }
    }

    private static void required(TrustPolicy policy, List<PolicyRule> rules, Findings findings) {
        if (policy.getSpec().getTenantRef() == null || policy.getSpec().getTenantRef().isBlank()) {
            findings.add(FindingCode.MISSING_FIELD, "spec.tenantRef", "the policy names no tenant",
                    "set spec.tenantRef to the name of the Tenant (same namespace) it governs");
        }
        if (rules.isEmpty()) {
            findings.add(FindingCode.MISSING_FIELD, "spec.rules", "the policy has no rules",
                    "add at least one rule (name, macro, with)");
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).getName() == null || rules.get(i).getName().isBlank()) {
                findings.add(FindingCode.MISSING_FIELD, "spec.rules[" + i + "].name", "the rule has no name",
                        "name it after what it does, e.g. eu-only");
            }
            if (rules.get(i).getMacro() == null || rules.get(i).getMacro().isBlank()) {
                findings.add(FindingCode.MISSING_FIELD, "spec.rules[" + i + "].macro", "the rule names no macro",
                        "set macro: name@vN, e.g. residency@v1");
            }
        }
    }

    private static void duplicateNames(List<PolicyRule> rules, Findings findings) {
        Set<String> seen = new HashSet<>();
        Set<String> all = new HashSet<>();
        rules.forEach(r -> all.add(r.getName()));
        for (int i = 0; i < rules.size(); i++) {
            String name = rules.get(i).getName();
            if (name != null && !seen.add(name)) {
                String unique = name;
                for (int n = 2; all.contains(unique); n++) {
                    unique = name + "-" + n;
                }
                all.add(unique);
                findings.add(FindingCode.DUPLICATE_RULE_NAME, "spec.rules[" + i + "].name", "another rule is named '"
                                + name + "' already; denials, findings and the timeline could not tell them apart",
                        "rename it, e.g. to " + unique, JsonPatchOperation.replace("/spec/rules/" + i + "/name",
                                TextNode.valueOf(unique)));
            }
        }
    }

    private static void setSize(String path, Map<String, JsonNode> args, Findings findings) {
        JsonNode min = args.get("minSetSize");
        JsonNode max = args.get("maxSetSize");
        boolean minOk = min == null || min.isIntegralNumber();
        if (!minOk || (max != null && !max.isIntegralNumber())) {
            return; // argument-type already says so
        }
        long minimum = min == null ? 1 : min.asLong();
        if (max != null && minimum > max.asLong()) {
            findings.add(FindingCode.SET_SIZE_MIN_ABOVE_MAX, path + ".with.minSetSize", "minSetSize " + minimum
                            + " is above maxSetSize " + max.asLong() + ", so every query is refused",
                    "swap them", JsonPatchOperation.replace("/" + pointer(path) + "/with/minSetSize", max),
                    JsonPatchOperation.replace("/" + pointer(path) + "/with/maxSetSize", IntNode.valueOf((int) minimum)));
            return;
        }
        if (minimum < PROBING_MINIMUM) {
            boolean room = max == null || max.asLong() >= PROBING_MINIMUM;
            String where = path + ".with.minSetSize";
            String message = (min == null ? "minSetSize is not set (default 1)" : "minSetSize " + minimum + " is below "
                    + PROBING_MINIMUM) + ": a partner can send one real item padded with few decoys and learn whether"
                    + " that item is in the tenant's set (membership probing)";
            JsonPatchOperation fix = min == null
                    ? JsonPatchOperation.add("/" + pointer(path) + "/with/minSetSize", IntNode.valueOf(PROBING_MINIMUM))
                    : JsonPatchOperation.replace("/" + pointer(path) + "/with/minSetSize", IntNode.valueOf(PROBING_MINIMUM));
            findings.add(FindingCode.MEMBERSHIP_PROBING, where, message, "set minSetSize to at least "
                    + PROBING_MINIMUM, room ? new JsonPatchOperation[] {fix} : new JsonPatchOperation[0]);
        }
    }

    private static void regions(String path, Map<String, JsonNode> args, Findings findings) {
        JsonNode allowed = args.get("allowedRegions");
        if (allowed != null && allowed.isArray()) {
            Set<String> listed = new HashSet<>();
            allowed.forEach(r -> listed.add(r.asText()));
            for (int i = 0; i < allowed.size(); i++) {
                region(path + ".with.allowedRegions[" + i + "]", allowed.get(i), listed, findings);
            }
        }
        JsonNode data = args.get("dataRegion");
        if (data != null && data.isTextual() && !data.textValue().isEmpty()) {
            region(path + ".with.dataRegion", data, findings);
        }
    }

    static void region(String path, JsonNode value, Findings findings) {
        region(path, value, Set.of(), findings);
    }

    /** {@code siblings}: the other values of the list the region is in (a fix must not list a region twice). */
    static void region(String path, JsonNode value, Set<String> siblings, Findings findings) {
        if (!value.isTextual() || KnownRegions.known(value.textValue())) {
            return;
        }
        Optional<String> meant = DidYouMean.closest(value.textValue(), KnownRegions.all());
        if (meant.isPresent() && siblings.contains(meant.get())) {
            findings.add(FindingCode.UNKNOWN_REGION, path, "'" + value.textValue() + "' is not a region of AWS, Google "
                    + "Cloud or Azure; it looks like a misspelt " + meant.get() + ", which is listed already",
                    "remove it", JsonPatchOperation.remove(FieldPath.pointer(path)));
            return;
        }
        findings.add(FindingCode.UNKNOWN_REGION, path, "'" + value.textValue() + "' is not a region of AWS, Google "
                        + "Cloud or Azure" + meant.map(m -> "; did you mean '" + m + "'?").orElse("")
                        + " A partner's region must match it exactly",
                meant.map(m -> "use " + m).orElse("check the spelling against the partner allowlist's regions"),
                meant.map(m -> new JsonPatchOperation[] {JsonPatchOperation.replace(FieldPath.pointer(path),
                        TextNode.valueOf(m))}).orElse(new JsonPatchOperation[0]));
    }

    private static void obligation(String path, PolicyRule rule, Findings findings) {
        EnforcementAction action = rule.getEnforcementAction() == null ? EnforcementAction.enforce
                : rule.getEnforcementAction();
        if (action != EnforcementAction.enforce) {
            findings.add(FindingCode.OBLIGATION_NOT_ENFORCED, path + ".enforcementAction", "k-threshold in "
                            + action + " attaches no obligation, so small counts are reported exactly",
                    "set enforcementAction: enforce (k-threshold never refuses a query; it only hides counts below k)",
                    JsonPatchOperation.replace("/" + pointer(path) + "/enforcementAction", TextNode.valueOf("enforce")));
        }
    }

    private static void volume(String path, Map<String, JsonNode> args, Findings findings) {
        JsonNode queries = args.get("maxQueries");
        JsonNode elements = args.get("maxElements");
        boolean noQueries = queries == null || (queries.isNumber() && queries.asLong() == 0);
        boolean noElements = elements == null || (elements.isNumber() && elements.asLong() == 0);
        if (noQueries && noElements) {
            findings.add(FindingCode.INEFFECTIVE_RULE, path + ".with", "maxQueries and maxElements are both 0 (no "
                    + "cap), so this volume-cap never refuses a query", "set maxQueries, maxElements or both");
        }
    }

    private static void disjointResidency(List<PolicyRule> rules, Findings findings) {
        Set<String> common = null;
        String first = null;
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            if (!"residency@v1".equals(rule.getMacro()) || (rule.getEnforcementAction() != null
                    && rule.getEnforcementAction() != EnforcementAction.enforce)) {
                continue;
            }
            Set<String> allowed = allowedRegions(rule);
            if (allowed == null) {
                continue;
            }
            if (common == null) {
                common = allowed;
                first = rule.getName();
                continue;
            }
            common.retainAll(allowed);
            if (common.isEmpty()) {
                findings.add(FindingCode.DISJOINT_RESIDENCY, "spec.rules[" + i + "].with.allowedRegions",
                        "residency rules '" + first + "' and '" + rule.getName() + "' allow no region in common, so "
                                + "every query is refused", "merge them into one residency rule, or set one to dryrun");
                return;
            }
        }
    }

    private static Set<String> allowedRegions(PolicyRule rule) {
        Map<String, JsonNode> args = rule.getArguments() == null ? Map.of() : rule.getArguments();
        JsonNode allowed = args.get("allowedRegions");
        if (allowed == null || !allowed.isArray()) {
            return null;
        }
        Set<String> regions = new LinkedHashSet<>();
        allowed.forEach(r -> regions.add(r.asText()));
        JsonNode data = args.get("dataRegion");
        if (data != null && data.isTextual() && !data.textValue().isEmpty()) {
            regions.add(data.textValue());
        }
        return regions;
    }

    private Optional<Tenant> tenant(TrustPolicy policy, String namespace, Findings findings) {
        String tenantRef = policy.getSpec().getTenantRef();
        if (namespace == null || tenantRef == null || !environment.knowsTenants(namespace)) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = environment.tenant(namespace, tenantRef);
        if (tenant.isEmpty()) {
            findings.add(FindingCode.TENANT_NOT_FOUND, "spec.tenantRef", "no Tenant '" + tenantRef + "' in namespace '"
                            + namespace + "'; the policy governs nothing until it exists",
                    "check the name, or create the Tenant (the policy takes effect when it appears)");
        }
        return tenant;
    }

    /** Mode psi reveals the intersection's items: some enforced rule must tie it to a contract flag. */
    private static void psiGate(List<PolicyRule> rules, Optional<Tenant> tenant, Findings findings) {
        if (rules.isEmpty() || tenant.map(t -> t.getSpec() == null || t.getSpec().getModes() == null
                || !t.getSpec().getModes().contains(QueryMode.PSI)).orElse(false)) {
            return;
        }
        boolean gated = rules.stream().filter(TrustPolicyChecks::enforced).anyMatch(r -> {
            if ("minimization@v1".equals(r.getMacro())) {
                return true; // psi needs psiContractFlag (or is not in modes at all)
            }
            if ("contract-flag@v1".equals(r.getMacro())) {
                JsonNode modes = r.getArguments() == null ? null : r.getArguments().get("modes");
                if (modes == null || !modes.isArray() || modes.isEmpty()) {
                    return true;
                }
                for (JsonNode mode : modes) {
                    if ("psi".equals(mode.asText())) {
                        return true;
                    }
                }
            }
            return false;
        });
        if (gated) {
            return;
        }
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        String name = "psi-needs-contract";
        rule.put("name", name);
        rule.put("macro", "minimization@v1");
        rule.putObject("with").putArray("modes").add("psi-ca").add("psi");
        findings.add(FindingCode.PSI_WITHOUT_CONTRACT_FLAG, "spec.rules", "no enforced rule ties mode psi (which reveals"
                        + " the intersection's items) to a contract flag, so any allow-listed partner granted psi gets"
                        + " the items", "add an enforced minimization@v1 rule (psi then needs the flag psi-allowed)"
                        + " or a contract-flag@v1 rule for mode psi",
                JsonPatchOperation.add("/spec/rules/-", rule));
    }

    private void dryrun(TrustPolicy policy, TrustPolicy stored, List<PolicyRule> rules, Findings findings) {
        List<DryrunTally> tallies = new ArrayList<>();
        if (policy.getStatus() != null && policy.getStatus().getDryrun() != null) {
            tallies.addAll(policy.getStatus().getDryrun());
        } else if (stored != null && stored.getStatus() != null && stored.getStatus().getDryrun() != null) {
            tallies.addAll(stored.getStatus().getDryrun());
        }
        Duration max = environment.dryrunMaxAge();
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            if (rule.getEnforcementAction() != EnforcementAction.dryrun) {
                continue;
            }
            Optional<Instant> since = tallies.stream().filter(t -> Objects.equals(t.getRule(), rule.getName()))
                    .map(DryrunTally::getSince).filter(Objects::nonNull).map(TrustPolicyChecks::instant)
                    .flatMap(Optional::stream).findFirst();
            if (since.isPresent() && since.get().plus(max).isBefore(environment.now())) {
                long days = Duration.between(since.get(), environment.now()).toDays();
                String policyName = policy.getMetadata() == null ? "NAME" : policy.getMetadata().getName();
                findings.add(FindingCode.DRYRUN_TOO_LONG, "spec.rules[" + i + "].enforcementAction", "rule '"
                                + rule.getName() + "' has been in dryrun for " + days + " days (longer than "
                                + max.toDays() + "); a dryrun rule protects nothing",
                        "look at its would-deny count in status.dryrun, then tfctl policy promote " + policyName
                                + " --rule " + rule.getName() + ", or delete the rule");
            }
        }
    }

    private void alreadyGoverned(TrustPolicy policy, String namespace, Findings findings) {
        String name = policy.getMetadata().getName();
        String created = policy.getMetadata().getCreationTimestamp();
        for (TrustPolicy other : environment.policies(namespace)) {
            if (other.getMetadata() == null || Objects.equals(other.getMetadata().getName(), name)
                    || other.getSpec() == null || !Objects.equals(other.getSpec().getTenantRef(),
                    policy.getSpec().getTenantRef()) || other.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String otherCreated = other.getMetadata().getCreationTimestamp();
            // as the reconciler decides: the oldest governs, the name breaks ties; an object not created yet (a
            // file, or an admission request) is newer than any stored one
            boolean otherOlder;
            if (created == null || otherCreated == null) {
                otherOlder = created == null && (otherCreated != null || other.getMetadata().getName().compareTo(name) < 0);
            } else {
                otherOlder = otherCreated.compareTo(created) < 0
                        || (otherCreated.equals(created) && other.getMetadata().getName().compareTo(name) < 0);
            }
            if (otherOlder) {
                findings.add(FindingCode.TENANT_ALREADY_GOVERNED, "spec.tenantRef", "TrustPolicy '"
                                + other.getMetadata().getName() + "' already governs Tenant '"
                                + policy.getSpec().getTenantRef() + "'; a tenant has one policy and this one would "
                                + "never be compiled", "merge these rules into " + other.getMetadata().getName());
                return;
            }
        }
    }

    private static boolean enforced(PolicyRule rule) {
        return rule.getEnforcementAction() == null || rule.getEnforcementAction() == EnforcementAction.enforce;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String pointer(String path) {
        return FieldPath.pointer(path).substring(1);
    }
}
