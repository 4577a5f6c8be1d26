"""The yearly evaluation (年考评): composite ranking, star ratings, rank uncertainty."""
