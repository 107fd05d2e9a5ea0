package io.textclf.domain.train;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One training option, declared once: its name ({@code textclf train}'s long option without dashes,
 * an experiment file's key, the gRPC {@code TrainingParameters} field with {@code _} for {@code -}),
 * its type, its help text (which states the default) and where its value sits in
 * {@link TrainingOptions.Recipe} (the {@link TrainingSettings}, word n-grams and threads). {@link TrainingOptions#ALL} lists them; the CLI flags, experiment files,
 * the gRPC mapping, {@code --resume}'s comparison and the model file's record of the run derive from it.
 *
 * @param name  e.g. {@code lr}, {@code batch-size}, {@code t-max}
 * @param type  the type of its value
 * @param help  one sentence for {@code --help}, ending with the default
 * @param value the option's value in a run's recipe; empty when the option does not apply to the
 *              run's optimizer, scheduler or n-grams
 */
public record TrainingOption(String name, Type type, String help,
                             Function<TrainingOptions.Recipe, Optional<?>> value) {

    /** The kinds of values an option takes. */
    public enum Type {
        INTEGER(Integer.class, "an integer"),
        LONG(Long.class, "a whole number"),
        NUMBER(Double.class, "a number"),
        BOOLEAN(Boolean.class, "true or false"),
        NAME(String.class, "a name");

        private final Class<?> javaType;
        private final String expected;

        Type(Class<?> javaType, String expected) {
            this.javaType = javaType;
            this.expected = expected;
        }

        /** The Java class of a value of this type: {@code Integer}, {@code Long}, {@code Double}, ... */
        public Class<?> javaType() {
            return javaType;
        }

        /** What a value must look like, for error messages: {@code an integer}. */
        public String expected() {
            return expected;
        }
    }

    public TrainingOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(value, "value");
    }

    /** The option's typed value in {@code recipe}, or empty when it does not apply to it. */
    public Optional<?> valueIn(TrainingOptions.Recipe recipe) {
        return value.apply(recipe);
    }
}
