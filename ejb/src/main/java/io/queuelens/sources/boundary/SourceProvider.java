package io.queuelens.sources.boundary;

import java.util.List;

/**
 * A bean that holds several sources built from configuration (e.g. one AMI connection per Asterisk
 * PBX), since CDI beans cannot be created per configured row. {@link Sources} lists theirs too.
 */
public interface SourceProvider {

    List<Source> sources();
}
