package dev.inkwell.platform;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed access to the fields of a JSON request object. A field of the wrong type is recorded
 * as a validation error rather than coerced; {@link #validation()} carries them.
 */
public final class JsonInput {

    private final JsonObject object;
    private final Validation validation = new Validation();

    JsonInput(JsonObject object) {
        this.object = object;
    }

    /** Input built in code rather than read from a request. */
    public static JsonInput of(JsonObject object) {
        return new JsonInput(object);
    }

    public boolean has(String field) {
        return object.containsKey(field);
    }

    /** The string value, or null when absent or JSON null. */
    public String string(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        validation.add(field, "must be a string");
        return null;
    }

    /** The list of strings, or null when absent or JSON null. */
    public List<String> strings(String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            validation.add(field, "must be an array of strings");
            return null;
        }
        List<String> result = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item instanceof JsonString string) {
                result.add(string.getString());
            } else {
                validation.add(field, "must be an array of strings");
                return null;
            }
        }
        return result;
    }

    /** Type errors found so far; callers add their own checks and then call {@code check()}. */
    public Validation validation() {
        return validation;
    }
}
