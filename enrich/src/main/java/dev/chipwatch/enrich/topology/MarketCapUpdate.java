package dev.chipwatch.enrich.topology;

import dev.chipwatch.schemas.avro.MarketCap;
import dev.chipwatch.schemas.avro.ThresholdCrossing;
import java.util.List;

/** A vendor's new market value and the crossings it fired; stays inside one sub-topology. */
record MarketCapUpdate(MarketCap value, List<ThresholdCrossing> crossings) {}
