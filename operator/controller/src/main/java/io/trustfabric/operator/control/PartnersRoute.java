package io.trustfabric.operator.control;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET .../partners}: the tenant's effective allowlist, with its revision as a strong ETag; a matching
 * {@code If-None-Match} answers 304 without a body, so a worker polling every 2 s costs almost nothing.
 * No document (the Tenant is missing, invalid or not reconciled yet) is 404 no-partners: the worker serves no
 * partner then.
 */
public final class PartnersRoute implements ControlRoute {

    private final BiFunction<String, String, Optional<PartnerDocuments.Rendered>> documents;

    /** @param documents the rendered document of (namespace, tenant) */
    public PartnersRoute(BiFunction<String, String, Optional<PartnerDocuments.Rendered>> documents) {
        this.documents = documents;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/partners";
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        PartnerDocuments.Rendered document = documents.apply(request.namespace(), request.tenant())
                .orElseThrow(() -> new ControlProblem(404, "no-partners", "No partner allowlist",
                        "Tenant " + request.namespace() + "/" + request.tenant() + " has no rendered allowlist (it"
                                + " does not exist, is invalid or is not reconciled yet); serve no partner."));
        String etag = "\"" + document.revision() + "\"";
        if (request.header("If-None-Match").map(value -> matches(value, etag)).orElse(false)) {
            return ControlResponse.empty(304).withHeader("ETag", etag);
        }
        return ControlResponse.json(200, document.json()).withHeader("ETag", etag);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"));
    }
}
