package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** {@code --json}: a command's result as one JSON document on stdout, snake_case keys, absent values left out. */
final class Json {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a path as the operator types it, not as a file: URI
            .addModule(new SimpleModule().addSerializer(Path.class, new ToStringSerializer(Path.class)))
            .build();

    private Json() {
    }

    static void print(Object document, PrintStream out) {
        out.println(JSON.writeValueAsString(document));
        out.flush();
    }

    static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
