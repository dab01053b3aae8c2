package org.sparsevit4j.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sparsevit4j.core.Granularity;
import org.sparsevit4j.core.InvalidInputException;
import org.sparsevit4j.supernet.data.Task;

class CheckpointMetaTest {

    /** The metadata of a checkpoint that `train-supernet` wrote before the metadata became records. */
    private static String format1() throws IOException {
        try (InputStream in = CheckpointMetaTest.class.getResourceAsStream("checkpoint-meta-format1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsACheckpointThatAnEarlierReleaseWrote() throws IOException {
        CheckpointMeta meta = CheckpointMeta.parse(format1(), "step-0000003.safetensors");
        assertEquals("supernet", meta.kind());
        assertEquals(3, meta.step());
        assertEquals(5151511792668550836L, meta.samplerState());
        assertEquals("swin_micro", meta.model().arch().name());
        assertEquals(Task.SEGMENTATION, meta.model().task());
        assertEquals(7, meta.model().classNames().size());
        assertNull(meta.sparsity());
        assertEquals(Granularity.PAIR, meta.settings().granularity());
        assertEquals(64, meta.settings().height());
        assertEquals(1e-5, meta.settings().minLearningRate());
        assertNull(meta.settings().dataset());
        assertTrue(meta.dataset().startsWith("synthetic-scenes/v1"));
    }

    @Test
    void whatItWritesReadsBackEqual() throws IOException {
        CheckpointMeta meta = CheckpointMeta.parse(format1(), "fixture");
        assertEquals(meta, CheckpointMeta.parse(meta.toJson(), "written"));
    }

    @Test
    void anotherFormatOrADamagedRecordIsNamed() throws IOException {
        String other = format1().replace("\"format\":1", "\"format\":2");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(other, "ck"))
                .getMessage().contains("ck: checkpoint format 2 is not the supported 1"));
        String wrongType = format1().replace("\"step\":3", "\"step\":\"three\"");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(wrongType, "ck"))
                .getMessage().contains("\"step\" must be a whole number"));
        String noKind = format1().replace("\"kind\":\"supernet\",", "");
        assertTrue(assertThrows(InvalidInputException.class, () -> CheckpointMeta.parse(noKind, "ck"))
                .getMessage().contains("damaged"));
    }
}
