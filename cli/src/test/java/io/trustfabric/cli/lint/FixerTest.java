package io.trustfabric.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FixerTest {

    private static PolicyFinding finding(String code, JsonPatchOperation... fix) {
        return finding(code, code, fix);
    }

    private static PolicyFinding finding(String code, String message, JsonPatchOperation... fix) {
        PolicyFinding finding = new PolicyFinding(code, FindingSeverity.error, "spec.x", message, "fix it");
        finding.setQuickFix(new ArrayList<>(List.of(fix)));
        return finding;
    }

    private static ObjectNode object(int x) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.putObject("spec").put("x", x);
        return object;
    }

    @Test
    void appliesFixesOneAtATimeUntilNoneIsLeft() {
        Function<JsonNode, List<PolicyFinding>> lint = o -> o.path("spec").path("x").asInt() < 3
                ? List.of(finding("too-small", "x is " + o.path("spec").path("x").asInt(), JsonPatchOperation.replace("/spec/x",
                IntNode.valueOf(o.path("spec").path("x").asInt() + 1)))) : List.of();
        Fixer.Result result = Fixer.fix(lint, object(0));
        assertThat(result.object()).isEqualTo(object(3));
        assertThat(result.applied()).hasSize(3);
        assertThat(result.failed()).isEmpty();
    }

    @Test
    void aQuickFixThatDoesNotRemoveItsFindingIsUndoneAndNotTriedAgain() {
        AtomicInteger lints = new AtomicInteger();
        Function<JsonNode, List<PolicyFinding>> lint = o -> {
            lints.incrementAndGet();
            return List.of(finding("stubborn", JsonPatchOperation.add("/spec/y", IntNode.valueOf(1))));
        };
        Fixer.Result result = Fixer.fix(lint, object(0));
        assertThat(result.object()).isEqualTo(object(0));
        assertThat(result.changed()).isFalse();
        assertThat(result.failed()).extracting(PolicyFinding::getCode).containsExactly("stubborn");
        assertThat(lints.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void fixesThatUndoEachOtherEnd() {
        // a: x=0 -> x=1, b: x=1 -> x=0 ... each removes its own finding but brings back the other
        Function<JsonNode, List<PolicyFinding>> lint = o -> o.path("spec").path("x").asInt() == 0
                ? List.of(finding("a", JsonPatchOperation.replace("/spec/x", IntNode.valueOf(1))))
                : List.of(finding("b", JsonPatchOperation.replace("/spec/x", IntNode.valueOf(0))));
        Fixer.Result result = Fixer.fix(lint, object(0));
        assertThat(result.applied()).extracting(PolicyFinding::getCode).containsExactly("a");
        assertThat(result.failed()).extracting(PolicyFinding::getCode).containsExactly("b");
    }

    @Test
    void aQuickFixThatCannotBeAppliedIsSkipped() {
        Function<JsonNode, List<PolicyFinding>> lint = o -> List.of(
                finding("broken", JsonPatchOperation.remove("/spec/nothing")),
                finding(o.path("spec").has("ok") ? "other" : "fine", JsonPatchOperation.add("/spec/ok",
                        IntNode.valueOf(1))));
        Fixer.Result result = Fixer.fix(lint, object(0));
        assertThat(result.failed()).extracting(PolicyFinding::getCode).contains("broken");
        assertThat(result.object().path("spec").path("ok").asInt()).isEqualTo(1);
    }

    @Test
    void aFixThatKeepsItsFindingAliveCannotGrowTheObjectForever() {
        Function<JsonNode, List<PolicyFinding>> lint = o -> List.of(finding("more",
                JsonPatchOperation.add("/spec/list/-", IntNode.valueOf(1))));
        ObjectNode object = object(0);
        ((ObjectNode) object.get("spec")).putArray("list");
        Fixer.Result result = Fixer.fix(lint, object);
        assertThat(result.changed()).isFalse();
        assertThat(result.object().path("spec").path("list")).isEmpty();
    }
}
