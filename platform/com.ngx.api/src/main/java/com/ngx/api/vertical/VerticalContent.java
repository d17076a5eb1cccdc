package com.ngx.api.vertical;

/**
 * A vertical template in one language.
 *
 * @param name display name, e.g. "Fitness &amp; wellness"
 * @param description one paragraph for the catalog and the agent builder
 * @param language the IETF language tag of the text
 * @param schemaVersion the template schema version the document follows, e.g. {@code 1}
 * @param document the template as JSON text
 */
public record VerticalContent(String name, String description, String language, int schemaVersion, String document) {}
