package io.trustfabric.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One macro version of the built-in catalog, as packaged under {@code trustfabric-policies/<name>/v<version>/}.
 *
 * @param name             the macro name, e.g. {@code set-size-cap}
 * @param version          the version number (the folder {@code v<version>})
 * @param description      one sentence from the catalog index
 * @param parametersSchema {@code parameters.schema.json}: the JSON Schema of the macro's arguments
 * @param rego             {@code macro.rego}, package {@code trustfabric.macros["<name>"].v<version>}
 * @param tests            {@code macro_test.rego}
 * @param readme           {@code README.md}
 * @param cases            {@code cases.json}: decision cases ({@code {"cases": [...]}})
 */
public record CatalogMacro(String name, int version, String description, JsonNode parametersSchema, String rego,
        String tests, String readme, JsonNode cases) {

    public CatalogMacro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
        Objects.requireNonNull(rego, "rego");
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(readme, "readme");
        Objects.requireNonNull(cases, "cases");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
    }

    /** {@code v<version>}: the version as a rule's data and the package name spell it. */
    public String versionName() {
        return "v" + version;
    }

    /** {@code <name>@v<version>}, as in decision results. */
    public String ref() {
        return name + "@" + versionName();
    }

    /** The folder below {@link MacroCatalog#RESOURCE_ROOT} (and below policies/): {@code <name>/v<version>}. */
    public String folder() {
        return name + "/" + versionName();
    }
}
