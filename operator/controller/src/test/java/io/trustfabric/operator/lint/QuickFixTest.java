package io.trustfabric.operator.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.PolicyFinding;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every quick fix the linter offers on the corpus applies as a JSON Patch and removes the finding it fixes. */
class QuickFixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyQuickFixAppliesAndRemovesItsFinding() {
        int fixes = 0;
        for (Path file : LintCorpus.faulty()) {
            LintCorpus.Loaded loaded = LintCorpus.load(file);
            for (JsonNode object : loaded.objects()) {
                for (PolicyFinding finding : loaded.linter().lint(object, loaded.stored(object))) {
                    if (finding.getQuickFix().isEmpty()) {
                        continue;
                    }
                    JsonNode patched = JsonPatch.apply(JSON.valueToTree(finding.getQuickFix()), object);
                    List<PolicyFinding> after = loaded.linter().lint(patched, loaded.stored(object));
                    assertThat(after).as(file + ": the quick fix of " + finding.getCode() + " at " + finding.getPath())
                            .noneMatch(f -> f.getCode().equals(finding.getCode()) && f.getPath().equals(finding.getPath()));
                    long errorsBefore = loaded.linter().lint(object, loaded.stored(object)).stream()
                            .filter(f -> f.getSeverity() == FindingSeverity.error).count();
                    assertThat(after.stream().filter(f -> f.getSeverity() == FindingSeverity.error).count())
                            .as(file + ": the quick fix of " + finding.getCode() + " adds no error").isLessThanOrEqualTo(
                                    errorsBefore);
                    fixes++;
                }
            }
        }
        assertThat(fixes).as("quick fixes offered on the corpus").isGreaterThanOrEqualTo(25);
    }
}
