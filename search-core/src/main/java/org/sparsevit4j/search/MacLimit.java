package org.sparsevit4j.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import org.sparsevit4j.core.InvalidInputException;

/**
 * A MAC budget as the user wrote it: absolute GMACs ({@code 3.2}) or a fraction of the dense
 * model's backbone MACs ({@code 0.6x}). Kept as a decimal so that {@code 0.6x} of a dense count
 * is computed exactly, and so that the text round-trips through the settings file.
 *
 * @param value GMACs, or the fraction of dense when {@code relativeToDense}; positive
 * @param relativeToDense whether {@code value} is a fraction of the dense backbone's MACs
 */
public record MacLimit(BigDecimal value, boolean relativeToDense) {

    private static final BigDecimal GIGA = BigDecimal.valueOf(1_000_000_000L);

    public MacLimit {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0) {
            throw new InvalidInputException("max MACs " + describe(value, relativeToDense) + " must be positive");
        }
        value = value.stripTrailingZeros();
    }

    /** {@code value} GMACs. */
    public static MacLimit gmacs(double value) {
        return new MacLimit(requireFinite(value), false);
    }

    /** {@code fraction} of the dense backbone's MACs. */
    public static MacLimit fractionOfDense(double fraction) {
        return new MacLimit(requireFinite(fraction), true);
    }

    /**
     * Parses the command-line form: {@code 0.6x} (a fraction of dense; {@code X} also accepted) or
     * {@code 3.2} (GMACs; an optional {@code g}/{@code gmacs} suffix is accepted).
     */
    @JsonCreator
    public static MacLimit parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("max MACs is empty; write GMACs like 3.2 or a fraction of dense like 0.6x");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        boolean relative = t.endsWith("x");
        String number = relative ? t.substring(0, t.length() - 1)
                : t.endsWith("gmacs") ? t.substring(0, t.length() - 5)
                : t.endsWith("g") ? t.substring(0, t.length() - 1) : t;
        BigDecimal value;
        try {
            value = new BigDecimal(number.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("max MACs \"" + text.strip()
                    + "\" is not a number of GMACs like 3.2 or a fraction of dense like 0.6x", e);
        }
        return new MacLimit(value, relative);
    }

    /** The limit in MACs, rounded down, for a model whose dense backbone costs {@code denseMacs}. */
    public long resolve(long denseMacs) {
        BigDecimal macs = relativeToDense ? value.multiply(BigDecimal.valueOf(denseMacs)) : value.multiply(GIGA);
        BigDecimal floor = macs.setScale(0, RoundingMode.FLOOR);
        return floor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : floor.longValueExact();
    }

    /** The command-line form: {@code 0.6x} or {@code 3.2}. */
    @JsonValue
    public String text() {
        return value.toPlainString() + (relativeToDense ? "x" : "");
    }

    @Override
    public String toString() {
        return describe(value, relativeToDense);
    }

    private static String describe(BigDecimal value, boolean relative) {
        return relative ? value.toPlainString() + "x dense" : value.toPlainString() + " GMACs";
    }

    private static BigDecimal requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("max MACs " + value + " must be a finite number");
        }
        return BigDecimal.valueOf(value);
    }
}
