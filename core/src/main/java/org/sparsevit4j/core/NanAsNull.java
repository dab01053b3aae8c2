package org.sparsevit4j.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes an undefined number ({@code NaN}) as JSON {@code null}, which every JSON reader
 * understands; JSON has no NaN. Use as {@code @JsonSerialize(contentUsing = NanAsNull.class)} on a
 * list of doubles whose reader turns null back into NaN.
 */
public final class NanAsNull extends StdSerializer<Double> {

    public NanAsNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value == null || value.isNaN()) {
            gen.writeNull();
        } else {
            gen.writeNumber(value);
        }
    }
}
