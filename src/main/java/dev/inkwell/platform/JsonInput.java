package dev.inkwell.platform;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed access to the fields of a JSON request object, for the JSON API to build a service's
 * command. A field of the wrong type is recorded rather than coerced; {@link #check()} refuses them.
 */
public final class JsonInput {

    private final JsonObject object;
    private final Validation validation = new Validation();

    JsonInput(JsonObject object) {
        this.object = object;
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

    /**
     * For a change: the string value when the field is present (JSON null as an empty string, which
     * clears or is refused as blank), null when it is absent and the stored value stays.
     */
    public String change(String field) {
        if (!has(field)) {
            return null;
        }
        String value = string(field);
        return value == null ? "" : value;
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

    /** Refuses the request when a field read so far had the wrong type. */
    public void check() {
        validation.check();
    }
}
