package io.trustfabric.cli.lint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustfabric.api.v1alpha1.FindingSeverity;
import io.trustfabric.api.v1alpha1.JsonPatchOperation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code --output json}: one document, every key always present (null when unknown), keys in a fixed order:
 * {@code {"files", "findings": [...], "rewritten": [...], "summary": {...}}}.
 */
final class JsonReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void print(LintResult result, PrintWriter out) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("files", result.files().size());
        ArrayNode findings = root.putArray("findings");
        for (LocatedFinding f : result.findings()) {
            ObjectNode o = findings.addObject();
            o.put("file", f.file().toString());
            if (f.document() > 0) {
                o.put("document", f.document());
            } else {
                o.putNull("document");
            }
            o.put("line", f.line());
            o.put("column", f.column());
            o.put("kind", f.kind());
            o.put("name", f.name());
            o.put("namespace", f.namespace());
            o.put("code", f.code());
            o.put("severity", f.severity().name());
            o.put("path", f.path());
            o.put("message", f.message());
            o.put("fix", f.fix());
            o.set("quickFix", quickFix(f.quickFix()));
        }
        ArrayNode rewritten = root.putArray("rewritten");
        for (LintResult.Rewrite r : result.rewrites()) {
            ObjectNode o = rewritten.addObject();
            o.put("file", r.file().toString());
            o.put("fixes", r.fixes());
            o.put("commentsLost", r.commentsLost());
            o.put("written", r.written());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", result.count(FindingSeverity.error));
        summary.put("warnings", result.count(FindingSeverity.warning));
        summary.put("info", result.count(FindingSeverity.info));
        summary.put("fixable", result.fixable());
        summary.put("failOn", result.failOn().name());
        summary.put("exitCode", result.exitCode());
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** The operations as RFC 6902 writes them: op, path, then from or value. */
    static ArrayNode quickFix(List<JsonPatchOperation> operations) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonPatchOperation op : operations) {
            ObjectNode o = array.addObject();
            o.put("op", op.getOp());
            o.put("path", op.getPath());
            if (op.getFrom() != null) {
                o.put("from", op.getFrom());
            }
            if (op.getValue() != null) {
                o.set("value", op.getValue());
            }
        }
        return array;
    }
}
