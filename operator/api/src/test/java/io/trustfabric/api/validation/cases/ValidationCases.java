package io.trustfabric.api.validation.cases;

import io.trustfabric.api.validation.ApiReferenceExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The objects every validator of the CRDs must accept and the hand-written ones it must refuse, written once for
 * the Java validator (ValidationRulesTest) and the real API server (the realserver tests).
 */
public final class ValidationCases {

    private ValidationCases() {
    }

    /** Every documented example, then the variants; a variant exists to show a rule's boundary or to reach a field. */
    public static List<ValidObject> valid() {
        List<ValidObject> valid = new ArrayList<>(IntStream.range(0, ApiReferenceExamples.all().size())
                .mapToObj(ValidObject::documented).toList());
        Stream.of(TenantCases.valid(), PartnerAllowlistCases.valid(), PrivacyBudgetCases.valid(), PolicyMacroCases.valid(),
                TrustPolicyCases.valid(), WhatIfScenarioCases.valid(), CanaryLaneCases.valid()).forEach(valid::addAll);
        return valid;
    }

    public static List<InvalidCase> handWritten() {
        List<InvalidCase> invalid = new ArrayList<>();
        Stream.of(TenantCases.invalid(), PartnerAllowlistCases.invalid(), PrivacyBudgetCases.invalid(),
                PolicyMacroCases.invalid(), TrustPolicyCases.invalid(), WhatIfScenarioCases.invalid(),
                CanaryLaneCases.invalid()).forEach(invalid::addAll);
        return invalid;
    }
}
