"""Tables of the gotongroyong app."""
