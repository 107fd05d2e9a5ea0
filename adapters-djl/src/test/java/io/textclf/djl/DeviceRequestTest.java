package io.textclf.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textclf.application.config.ConfigException;
import org.junit.jupiter.api.Test;

class DeviceRequestTest {

    @Test
    void parsesTheFourForms() {
        assertEquals(new DeviceRequest(DeviceRequest.Kind.CPU, 0, "flag"), DeviceRequest.parse("cpu", "flag"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.CUDA, 0, "flag"), DeviceRequest.parse(" CUDA ", "flag"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.CUDA, 2, "flag"), DeviceRequest.parse("cuda:2", "flag"));
        assertEquals(new DeviceRequest(DeviceRequest.Kind.AUTO, 0, "default"), DeviceRequest.parse("auto", "default"));
        assertEquals("cuda:2", DeviceRequest.parse("cuda:2", "flag").spelled());
    }

    @Test
    void rejectsOtherValuesNamingTheSourceAndTheChoices() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> DeviceRequest.parse("tpu", "environment variable TEXTCLF_DEVICE"));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable TEXTCLF_DEVICE"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu, cuda, cuda:N, auto"), e.getMessage());
        assertThrows(ConfigException.class, () -> DeviceRequest.parse("cuda:x", "flag"));
        assertThrows(ConfigException.class, () -> DeviceRequest.parse("cuda:", "flag"));
    }
}
