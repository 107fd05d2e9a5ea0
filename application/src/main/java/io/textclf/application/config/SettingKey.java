package io.textclf.application.config;

/** The settings that can come from a flag, an environment variable or the config file. */
public enum SettingKey {
    BACKEND("backend", "TEXTCLF_BACKEND", "reference"),
    DEVICE("device", "TEXTCLF_DEVICE", "auto"),
    CACHE_DIR("cache.dir", "TEXTCLF_CACHE_DIR", System.getProperty("user.home") + "/.cache/textclf"),
    AG_NEWS_URL("datasets.ag_news.url", "TEXTCLF_AG_NEWS_URL",
            "https://raw.githubusercontent.com/mhjabreel/CharCnn_Keras/master/data/ag_news_csv");

    private final String property;
    private final String environmentVariable;
    private final String defaultValue;

    SettingKey(String property, String environmentVariable, String defaultValue) {
        this.property = property;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
    }

    /** Key in the config file. */
    public String property() {
        return property;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String defaultValue() {
        return defaultValue;
    }
}
