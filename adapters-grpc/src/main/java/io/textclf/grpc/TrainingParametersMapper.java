package io.textclf.grpc;

import io.textclf.domain.train.TrainingOptions;
import io.textclf.proto.v1.TrainingParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's hyperparameters with {@code textclf train}'s names, defaults and rules, resolved by
 * {@link TrainingOptions}: a field is the flag of the same name ({@code t_max} is {@code --t-max}), an
 * absent field takes the CLI's default (lr's depends on the optimizer), and a field that belongs to
 * another optimizer or scheduler than the chosen one is refused, as the CLI refuses its flag.
 */
final class TrainingParametersMapper {

    /** Names fields as the request does: {@code parameters.t_max does not apply to scheduler on-drop}. */
    private static final TrainingOptions.Spelling FIELDS = new TrainingOptions.Spelling("parameters.", '_', "");

    private TrainingParametersMapper() {
    }

    /**
     * The hyperparameters, the word n-grams and the training threads, with what was derived.
     *
     * @throws IllegalArgumentException naming the first value out of its range or out of place
     */
    static TrainingOptions.Resolved resolve(TrainingParameters p) {
        return TrainingOptions.resolve(given(p), FIELDS);
    }

    /** The fields the request set, by option name ({@code t-max} for {@code t_max}). */
    static Map<String, Object> given(TrainingParameters p) {
        Map<String, Object> given = new LinkedHashMap<>();
        p.getAllFields().forEach((field, value) -> given.put(field.getName().replace('_', '-'), value));
        return given;
    }
}
