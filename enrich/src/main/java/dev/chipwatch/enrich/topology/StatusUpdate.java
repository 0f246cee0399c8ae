package dev.chipwatch.enrich.topology;

import dev.chipwatch.schemas.avro.ExportStatus;
import dev.chipwatch.schemas.avro.ExportStatusChange;

/**
 * A pair's new table row and, when its status moved, the change; a row without a change carries a
 * newly scheduled status. Stays inside one sub-topology.
 */
record StatusUpdate(ExportStatus status, ExportStatusChange change) {}
