package io.textclf.domain.train;

/**
 * A training setting out of its range. {@link #setting()} is the setting's name as run settings and model files record
 * it ({@code batch-size}, {@code t-max}), so that each adapter can show it as its users write it ({@code --batch-size},
 * {@code parameters.batch_size}); the message is that name followed by {@link #problem()}.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    /**
     * @param setting the setting's recorded name, e.g. {@code batch-size}
     * @param problem what is wrong with its value, e.g. {@code must be in [1, 1048576], was 0}
     */
    public InvalidSettingException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's recorded name, e.g. {@code batch-size}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with its value, e.g. {@code must be in [1, 1048576], was 0}. */
    public String problem() {
        return problem;
    }
}
