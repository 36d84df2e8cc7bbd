//! PDF exports: pages set from blocks of text, with the printed lines of rule 10.
