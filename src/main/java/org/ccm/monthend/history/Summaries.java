package org.ccm.monthend.history;

import org.ccm.monthend.close.MonthCloseNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading summary.json (close) and preview-summary.json (preview) back. */
final class Summaries {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** Where a close and a preview keep the published folder in the job execution context. */
    static final String EXPORT_PATH_KEY = MonthCloseNames.PUBLISHED_PATH;
    static final String PREVIEW_PATH_KEY = "preview.path";
    static final String CLOSE_SUMMARY = "summary.json";
    static final String PREVIEW_SUMMARY = "preview-summary.json";

    private Summaries() {
    }

    /** The parsed file, or null when it is missing or not JSON. */
    static JsonNode read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    /** A number at {@code pointer}, or null when absent. */
    static Long count(JsonNode summary, String pointer) {
        if (summary == null) {
            return null;
        }
        JsonNode node = summary.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.asLong();
    }

    /** The "files" object of a summary: name to recorded SHA-256 and size, in file order. */
    static Map<String, Recorded> files(JsonNode summary) {
        Map<String, Recorded> files = new LinkedHashMap<>();
        if (summary == null || !summary.has("files")) {
            return files;
        }
        for (Map.Entry<String, JsonNode> file : summary.get("files").properties()) {
            JsonNode entry = file.getValue();
            files.put(file.getKey(), new Recorded(entry.path("sha256").asString(""),
                    entry.has("bytes") ? entry.get("bytes").asLong() : -1));
        }
        return files;
    }

    record Recorded(String sha256, long bytes) {
    }
}
