# end-to-end suite
