package io.twinloop.aas.ditto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.eclipse.ditto.base.model.entity.validation.NoControlCharactersNoSlashesValidator;
import org.junit.jupiter.api.Test;


/** The fast key scan must agree with Ditto's own validator on every key. */
class DittoKeysTest {

    @Test
    void scanAgreesWithDittosValidatorOnEveryCharacterAndOnRandomKeys() {
        for (char c = 0; c < 0x3000; c++) {
            assertAgrees(String.valueOf(c));
            assertAgrees("key" + c + "name");
        }
        final Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            final StringBuilder key = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                key.append((char) (random.nextBoolean() ? random.nextInt(0x200) : 0x20 + random.nextInt(0x60)));
            }
            assertAgrees(key.toString());
        }
        assertAgrees("");
        assertAgrees("Motor/Speed");
        assertAgrees("Überdruck");
        assertAgrees("温度");
    }

    private static void assertAgrees(final String key) {
        assertThat(DittoKeys.isValid(key)).as("key %s", key.chars().mapToObj(Integer::toHexString).toList())
                .isEqualTo(NoControlCharactersNoSlashesValidator.getInstance(key).isValid());
    }
}
