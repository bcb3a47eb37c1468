package io.trustfabric.operator.macro;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.PolicyMacroSpec;
import io.trustfabric.operator.policy.bundle.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digest of what a macro version publishes (not its description): equal digests, equal decisions. */
public final class MacroDigest {

    private MacroDigest() {
    }

    public static String of(PolicyMacroSpec spec) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("macro", spec.getMacro());
        content.put("version", spec.getVersion());
        ObjectNode parameters = content.putObject("parameters");
        if (spec.getParameters() != null) {
            spec.getParameters().forEach(parameters::set);
        }
        content.put("rego", spec.getRego());
        content.put("tests", spec.getTests() == null ? "" : spec.getTests());
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.bytes(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
