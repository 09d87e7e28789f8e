"""Guards for everything read from outside: zips, XML, images."""
