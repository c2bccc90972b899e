# libipvs kernel tests
